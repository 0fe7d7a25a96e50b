package io.integrationshub.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Enqueues jobs in the caller's transaction. Call {@link #enqueue} from a {@code @WithTransaction}
 * service method: the job row is inserted through the current Hibernate Reactive session, so it
 * commits or rolls back with the change that caused it, and {@code pg_notify('hub_jobs', type)} wakes
 * idle workers when (and only when) that transaction commits.
 */
@ApplicationScoped
public class JobQueue {
    public static final String CHANNEL = "hub_jobs";
    static final int MAX_PAYLOAD_CHARS = 256 * 1024;
    /** Field names that mean a secret; a payload holding one is refused (API.md 11: no secret in a job). */
    static final Set<String> SECRET_FIELDS = Set.of("password", "secret", "token", "api_token", "access_token",
            "bot_token", "app_password", "webhook_url", "signing_secret", "credentials", "authorization",
            "broker_token", "provisional_broker_token", "private_key", "client_secret");
    static final List<String> SECRET_PREFIXES = List.of("iht_", "brk_", "whsec_");

    /**
     * One round trip: insert unless an active job holds the dedupe key, and NOTIFY (delivered on commit)
     * when the job is due now. The notify CTE only runs because the final select reads it.
     */
    private static final String INSERT = """
            with inserted as (
                insert into jobs (id, organisation_id, type, target_type, target_id, status, attempts, max_attempts,
                                  run_at, payload, dedupe_key, created_at, updated_at)
                values (:id, :org, :type, :targetType, :targetId, 'queued', 0, :maxAttempts,
                        coalesce(cast(:runAt as timestamptz), date_trunc('milliseconds', clock_timestamp())),
                        cast(cast(:payload as text) as jsonb), :dedupeKey, :createdAt, :createdAt)
                on conflict do nothing
                returning *),
            notified as (
                select pg_notify('hub_jobs', type) from inserted where cast(:wake as boolean))
            select inserted.* from inserted where (select count(*) from notified) >= 0""";

    private final JobHandlers handlers;
    private final JobsConfig config;

    public JobQueue(JobHandlers handlers, JobsConfig config) {
        this.handlers = handlers;
        this.config = config;
    }

    /**
     * Inserts the job in the current transaction and returns it (status queued). With a dedupe key
     * held by a queued or running job, returns that job and inserts nothing. Fails with
     * {@link IllegalStateException} outside a transaction and {@link IllegalArgumentException} for an
     * invalid job (a programming error, not a client one).
     */
    public Uni<Job> enqueue(NewJob job) {
        String payload;
        int maxAttempts;
        try {
            payload = validate(job);
            maxAttempts = job.maxAttempts() != null ? job.maxAttempts()
                    : handlers.forType(job.type()).map(JobHandler::maxAttempts).orElse(config.maxAttempts());
            if (maxAttempts < 1 || maxAttempts > 1000) {
                throw new IllegalArgumentException("maxAttempts must be 1..1000");
            }
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.currentTransaction().flatMap(tx -> {
            if (tx == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "JobQueue.enqueue must run inside the caller's transaction (@WithTransaction)"));
            }
            return Panache.getSession().flatMap(session -> insert(session, job, payload, maxAttempts, 3));
        });
    }

    private Uni<Job> insert(Mutiny.Session session, NewJob job, String payload, int maxAttempts, int triesLeft) {
        UUID id = Ids.newId();
        Instant createdAt = Times.now();
        return session.createNativeQuery(INSERT, Job.class)
                .setParameter("id", id)
                .setParameter("org", job.organisationId())
                .setParameter("type", job.type())
                .setParameter("targetType", job.target().type())
                .setParameter("targetId", job.target().id())
                .setParameter("maxAttempts", maxAttempts)
                .setParameter("runAt", JobRows.timestamp(job.runAt()))
                .setParameter("payload", payload)
                .setParameter("dedupeKey", job.dedupeKey())
                .setParameter("createdAt", JobRows.timestamp(createdAt))
                .setParameter("wake", isDue(job))
                .getResultList()
                .flatMap(inserted -> {
                    if (!inserted.isEmpty()) {
                        return Uni.createFrom().item(inserted.get(0));
                    }
                    // The dedupe key is held by an active job: return it. If that job finished between the
                    // insert and this read (the key is free again), insert anew.
                    return session.createSelectionQuery("from Job where dedupeKey = :key and status in :active", Job.class)
                            .setParameter("key", job.dedupeKey())
                            .setParameter("active", List.of(JobStatus.QUEUED, JobStatus.RUNNING))
                            .getSingleResultOrNull()
                            .flatMap(existing -> {
                                if (existing != null) {
                                    return Uni.createFrom().item(existing);
                                }
                                if (triesLeft <= 1 || job.dedupeKey() == null) {
                                    return Uni.createFrom().failure(new IllegalStateException(
                                            "could not enqueue job with dedupe key " + job.dedupeKey()));
                                }
                                return insert(session, job, payload, maxAttempts, triesLeft - 1);
                            });
                });
    }

    /**
     * For features deleting a target (API.md 4.3: an integration's pending jobs go with it), in the
     * caller's transaction: deletes the target's queued jobs and asks its running ones to stop (they
     * end cancelled at their worker's next heartbeat). Returns how many queued jobs were deleted.
     */
    public Uni<Integer> deletePending(String targetType, UUID targetId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        with deleted as (
                            delete from jobs where target_type = :targetType and target_id = :targetId and status = 'queued'
                            returning id),
                        flagged as (
                            update jobs set cancel_requested = true, updated_at = date_trunc('milliseconds', clock_timestamp())
                            where target_type = :targetType and target_id = :targetId and status = 'running'
                            returning id)
                        select cast((select count(*) from deleted) as integer) as deleted, cast((select count(*) from flagged) as integer) as flagged""")
                .setParameter("targetType", targetType)
                .setParameter("targetId", targetId)
                .getSingleResult()
                .map(row -> ((Number) ((Object[]) row)[0]).intValue()));
    }

    /** Idle workers are woken for a job due now; one due later is found by polling when it is due. */
    private static boolean isDue(NewJob job) {
        return job.runAt() == null || !job.runAt().isAfter(Instant.now().plusSeconds(1));
    }

    static String validate(NewJob job) {
        if (job == null) {
            throw new IllegalArgumentException("job is required");
        }
        if (job.organisationId() == null) {
            throw new IllegalArgumentException("organisationId is required");
        }
        if (!JobTypes.isValidName(job.type())) {
            throw new IllegalArgumentException("type must be a lower-case dotted name: " + job.type());
        }
        if (job.target() == null || job.target().id() == null || job.target().type() == null
                || job.target().type().isBlank() || job.target().type().length() > 100) {
            throw new IllegalArgumentException("target type and id are required");
        }
        if (job.dedupeKey() != null && (job.dedupeKey().isEmpty() || job.dedupeKey().length() > 500)) {
            throw new IllegalArgumentException("dedupeKey must be 1..500 characters");
        }
        JsonNode payload = job.payload() == null ? JsonNodeFactory.instance.objectNode() : job.payload();
        String secret = secretIn(payload, "");
        if (secret != null) {
            throw new IllegalArgumentException("job payloads must not hold secrets; found one at " + secret);
        }
        String text = JobRows.text(payload);
        if (text.length() > MAX_PAYLOAD_CHARS) {
            throw new IllegalArgumentException("job payload is larger than 256 KiB");
        }
        return text;
    }

    /** The JSON Pointer of the first field that looks like a secret, or null. */
    static String secretIn(JsonNode node, String pointer) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String path = pointer + "/" + field.getKey();
                if (SECRET_FIELDS.contains(field.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    return path;
                }
                String nested = secretIn(field.getValue(), path);
                if (nested != null) {
                    return nested;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String nested = secretIn(node.get(i), pointer + "/" + i);
                if (nested != null) {
                    return nested;
                }
            }
        } else if (node.isTextual()) {
            String value = node.textValue();
            for (String prefix : SECRET_PREFIXES) {
                if (value.startsWith(prefix)) {
                    return pointer.isEmpty() ? "/" : pointer;
                }
            }
        }
        return null;
    }
}
