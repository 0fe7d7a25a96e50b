package io.integrationshub.jobs.api;

import io.integrationshub.jobs.engine.JobHandlers;
import io.integrationshub.jobs.engine.JobRows;
import io.integrationshub.jobs.engine.JobsConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Enqueues jobs in the caller's transaction. Call {@link #enqueue} (or {@link #enqueueAll} for many)
 * from a {@code @WithTransaction} service method: the job rows are inserted through the current Hibernate Reactive session, so it
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
     * One round trip for any number of jobs: the jobs come as one JSON array, are inserted unless an
     * active job holds their dedupe key, and one NOTIFY per type due within a second (delivered on commit)
     * wakes idle workers. The notify CTE only runs because the final select reads it.
     */
    private static final String INSERT = """
            with input as (
                select * from jsonb_to_recordset(cast(cast(:jobs as text) as jsonb)) as t(
                    ord int, id uuid, organisation_id uuid, type text, target_type text, target_id uuid,
                    max_attempts int, run_at timestamptz, payload jsonb, dedupe_key text)),
            inserted as (
                insert into jobs (id, organisation_id, type, target_type, target_id, status, attempts, max_attempts,
                                  run_at, payload, dedupe_key, created_at, updated_at)
                select id, organisation_id, type, target_type, target_id, 'queued', 0, max_attempts,
                       coalesce(run_at, date_trunc('milliseconds', clock_timestamp())), payload, dedupe_key,
                       cast(:createdAt as timestamptz), cast(:createdAt as timestamptz)
                from input order by ord
                on conflict do nothing
                returning id, organisation_id, type, target_type, target_id, status, attempts, max_attempts, run_at,
                          payload, result, error, dedupe_key, lease_owner, lease_expires_at, cancel_requested,
                          created_at, started_at, finished_at, updated_at),
            notified as (
                select pg_notify('hub_jobs', due.type)
                from (select distinct type from inserted where run_at <= clock_timestamp() + interval '1 second') due)
            select inserted.* from inserted where (select count(*) from notified) >= 0""";
    /** Jobs one insert statement takes at most; larger lists take several, in one transaction. */
    static final int MAX_BATCH = 1000;

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
        return enqueueAll(List.of(job)).map(jobs -> jobs.get(0));
    }

    /**
     * {@link #enqueue} for many jobs in one statement (per {@value #MAX_BATCH}): answers the jobs in
     * the order given, where a job whose dedupe key an active job (or an earlier job of the list) holds
     * is that job. All or nothing: one invalid job fails the call before anything is inserted.
     */
    public Uni<List<Job>> enqueueAll(List<NewJob> jobs) {
        List<ObjectNode> rows = new ArrayList<>(jobs.size());
        try {
            for (NewJob job : jobs) {
                rows.add(row(job));
            }
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.currentTransaction().flatMap(tx -> {
            if (tx == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "JobQueue.enqueue must run inside the caller's transaction (@WithTransaction)"));
            }
            return Panache.getSession().flatMap(session -> {
                Uni<List<Job>> all = Uni.createFrom().item(new ArrayList<>());
                for (int from = 0; from < rows.size(); from += MAX_BATCH) {
                    List<ObjectNode> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_BATCH));
                    all = all.flatMap(done -> insert(session, chunk, 3).map(made -> {
                        done.addAll(made);
                        return done;
                    }));
                }
                return all;
            });
        });
    }

    /** The job as one element of the insert's JSON array; validates it and fills in max attempts. */
    private ObjectNode row(NewJob job) {
        JsonNode payload = validate(job);
        int maxAttempts = job.maxAttempts() != null ? job.maxAttempts()
                : handlers.forType(job.type()).map(JobHandler::maxAttempts).orElse(config.maxAttempts());
        if (maxAttempts < 1 || maxAttempts > 1000) {
            throw new IllegalArgumentException("maxAttempts must be 1..1000");
        }
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("id", Ids.newId().toString())
                .put("organisation_id", job.organisationId().toString())
                .put("type", job.type())
                .put("target_type", job.target().type())
                .put("target_id", job.target().id().toString())
                .put("max_attempts", maxAttempts)
                .put("run_at", job.runAt() == null ? null : job.runAt().toString())
                .put("dedupe_key", job.dedupeKey())
                .set("payload", payload);
        return row;
    }

    private Uni<List<Job>> insert(Mutiny.Session session, List<ObjectNode> rows, int triesLeft) {
        ArrayNode input = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < rows.size(); i++) {
            input.add(rows.get(i).deepCopy().put("ord", i));
        }
        return session.createNativeQuery(INSERT, Job.class)
                .setReadOnly(true) // callers only read the new jobs: no snapshot, no dirty check at commit
                .setParameter("jobs", JobRows.text(input))
                .setParameter("createdAt", JobRows.timestamp(Times.now()))
                .getResultList()
                .flatMap(inserted -> {
                    Map<UUID, Job> byId = new HashMap<>();
                    inserted.forEach(j -> byId.put(j.id, j));
                    Set<String> held = new HashSet<>();
                    for (ObjectNode row : rows) {
                        if (!byId.containsKey(UUID.fromString(row.get("id").asText()))) {
                            String key = key(row);
                            if (key == null) {
                                return Uni.createFrom().failure(new IllegalStateException("a job without dedupe key was not inserted"));
                            }
                            held.add(key); // only a dedupe key makes an insert a no-op
                        }
                    }
                    if (held.isEmpty()) {
                        return Uni.createFrom().item(inOrder(rows, byId, Map.of()));
                    }
                    // Active jobs hold these keys: answer them. If one finished between the insert and
                    // this read (its key is free again), insert anew.
                    return session.createSelectionQuery("from Job where dedupeKey in :keys and status in :active", Job.class)
                            .setParameter("keys", held)
                            .setParameter("active", List.of(JobStatus.QUEUED, JobStatus.RUNNING))
                            .getResultList()
                            .flatMap(active -> {
                                Map<String, Job> byKey = new HashMap<>();
                                active.forEach(j -> byKey.put(j.dedupeKey, j));
                                List<ObjectNode> again = rows.stream().filter(row -> !byId.containsKey(
                                        UUID.fromString(row.get("id").asText())) && !byKey.containsKey(key(row))).toList();
                                if (again.isEmpty()) {
                                    return Uni.createFrom().item(inOrder(rows, byId, byKey));
                                }
                                if (triesLeft <= 1) {
                                    return Uni.createFrom().failure(new IllegalStateException(
                                            "could not enqueue jobs with dedupe keys " + held));
                                }
                                return insert(session, again, triesLeft - 1).map(retried -> {
                                    retried.forEach(j -> byKey.putIfAbsent(j.dedupeKey, j));
                                    retried.forEach(j -> byId.put(j.id, j));
                                    return inOrder(rows, byId, byKey);
                                });
                            });
                });
    }

    /** The jobs in the order asked: the inserted row, else the active job holding its dedupe key. */
    private static List<Job> inOrder(List<ObjectNode> rows, Map<UUID, Job> byId, Map<String, Job> byKey) {
        List<Job> jobs = new ArrayList<>(rows.size());
        for (ObjectNode row : rows) {
            Job job = byId.get(UUID.fromString(row.get("id").asText()));
            jobs.add(job != null ? job : byKey.get(key(row)));
        }
        return jobs;
    }

    private static String key(ObjectNode row) {
        JsonNode key = row.get("dedupe_key");
        return key == null || key.isNull() ? null : key.asText();
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

    /** The payload to store ({@code {}} when none); throws for an invalid job. */
    static JsonNode validate(NewJob job) {
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
        if (JobRows.text(payload).length() > MAX_PAYLOAD_CHARS) {
            throw new IllegalArgumentException("job payload is larger than 256 KiB");
        }
        return payload;
    }

    /** The JSON Pointer of the first field that looks like a secret, or null. */
    public static String secretIn(JsonNode node, String pointer) {
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
