package io.integrationshub.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.common.Ids;
import io.integrationshub.integrations.Integration;
import io.integrationshub.integrations.IntegrationRepository;
import io.integrationshub.integrations.SyncSchedule;
import io.integrationshub.jobs.api.JobContext;
import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobOutcome;
import io.integrationshub.secrets.SecretCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs integration.sync jobs: asks the provider's adapter what the stored credentials can see, then
 * in one transaction upserts those resources, removes the ones no longer returned and records the
 * integration's status. No database transaction is held open while the provider is called.
 */
@ApplicationScoped
public class IntegrationSyncHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(IntegrationSyncHandler.class);
    private static final String UPSERT = """
            insert into integration_resources (id, integration_id, kind, external_id, name, url, metadata, first_seen_at, last_seen_at)
            values ($1, $2, $3, $4, $5, $6, $7, date_trunc('milliseconds', now()), date_trunc('milliseconds', now()))
            on conflict (integration_id, kind, external_id)
            do update set name = excluded.name, url = excluded.url, metadata = excluded.metadata, last_seen_at = excluded.last_seen_at""";

    /** A status change is a change of the integration: its version and updated_at move (API.md 1.3). */
    private static final String STATUS_CHANGE = "version = version + 1, updated_at = date_trunc('milliseconds', clock_timestamp())";
    /** After a successful sync the next scheduled one is an interval later (API.md 4.2). */
    private static final String RESCHEDULE = "next_sync_at = case when enabled and sync_interval_minutes is not null then "
            + SyncSchedule.NEXT_AFTER_NOW_SQL + " end";
    /** Refused credentials stop the schedule until the integration is changed (re-armed by IntegrationService). */
    private static final String PAUSE = "next_sync_at = null";

    private final IntegrationRepository integrations;
    private final SyncAdapters adapters;
    private final SecretCipher cipher;
    private final Pool pool;
    private final ObjectMapper json;
    private final SyncConfig config;

    public IntegrationSyncHandler(IntegrationRepository integrations, SyncAdapters adapters, SecretCipher cipher, Pool pool,
            ObjectMapper json, SyncConfig config) {
        this.config = config;
        this.integrations = integrations;
        this.adapters = adapters;
        this.cipher = cipher;
        this.pool = pool;
        this.json = json;
    }

    @Override
    public String type() {
        return SyncService.JOB_TYPE;
    }

    @Override
    public Duration timeout() {
        return Duration.ofMinutes(10);
    }

    @Override
    public Uni<JobOutcome> run(JobContext context) {
        return Panache.withSession(() -> integrations.findById(context.targetId())).flatMap(integration -> {
            if (integration == null) {
                return Uni.createFrom().item(JobOutcome.failed("integration_not_found", "the integration was deleted"));
            }
            if (!integration.enabled) {
                return Uni.createFrom().item(JobOutcome.failed("integration_disabled", "the integration is not enabled"));
            }
            SyncAdapter adapter = adapters.forProvider(integration.provider).orElse(null);
            if (adapter == null) {
                return Uni.createFrom().item(JobOutcome.failed("sync_not_supported",
                        "the " + integration.provider + " provider does not support sync"));
            }
            if (!integration.hasCredentials()) {
                return recordFailure(context, integration.id, "the integration has no credentials", false)
                        .replaceWith(JobOutcome.failed("credentials_missing", "the integration has no credentials"));
            }
            Map<String, String> credentials = cipher.openJson(integration.credentialsCiphertext,
                    Integration.CREDENTIALS_CONTEXT, integration.id);
            return adapter.discover(new SyncSource(integration.organisationId, integration.provider,
                            integration.configuration, credentials))
                    .flatMap(found -> store(context, integration.id, found))
                    .onFailure(ProviderFailure.class).recoverWithUni(failure -> outcomeOf(context, (ProviderFailure) failure));
        });
    }

    private Uni<JobOutcome> outcomeOf(JobContext context, ProviderFailure failure) {
        UUID integrationId = context.targetId();
        return switch (failure.kind()) {
            case RATE_LIMITED -> rateLimited(context, failure);
            case TRANSIENT -> (context.isLastAttempt() ? recordFailure(context, integrationId, failure.getMessage(), false)
                    : Uni.createFrom().voidItem())
                    .replaceWith(JobOutcome.retry(failure.code(), failure.getMessage()));
            case AUTH -> recordFailure(context, integrationId, failure.getMessage(), true)
                    .replaceWith(JobOutcome.failed(failure.code(), failure.getMessage()));
            case PERMANENT -> recordFailure(context, integrationId, failure.getMessage(), false)
                    .replaceWith(JobOutcome.failed(failure.code(), failure.getMessage()));
        };
    }

    /**
     * Parks the job until the provider allows the next call, without using up an attempt; a wait past
     * hub.sync.max-rate-limit-wait fails the job instead (API.md 7).
     */
    private Uni<JobOutcome> rateLimited(JobContext context, ProviderFailure failure) {
        Instant now = Instant.now();
        Instant when = failure.retryAt() != null ? failure.retryAt() : now.plus(config.defaultRateLimitWait());
        if (Duration.between(now, when).compareTo(config.maxRateLimitWait()) > 0) {
            String message = failure.getMessage() + "; the provider allows the next call at " + when.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + ", later than the longest wait (" + config.maxRateLimitWait() + ")";
            return recordFailure(context, context.targetId(), message, false)
                    .replaceWith(JobOutcome.failed(failure.code(), message));
        }
        return Uni.createFrom().item(JobOutcome.rescheduleAt(when, failure.getMessage()));
    }

    /** Upserts what was found and removes what vanished, atomically with the integration's status. */
    private Uni<JobOutcome> store(JobContext context, UUID integrationId, List<DiscoveredResource> found) {
        // Seen-at times come from the database's clock (the transaction's start), so that instances with
        // skewed clocks still remove exactly what this sync did not see.
        return pool.withTransaction(connection -> lock(connection, integrationId).flatMap(exists -> {
            if (!exists) {
                return Uni.createFrom().item(JobOutcome.failed("integration_not_found", "the integration was deleted"));
            }
            List<Tuple> rows = new ArrayList<>(found.size());
            for (DiscoveredResource resource : found) {
                rows.add(Tuple.tuple(List.of(Ids.newId(), integrationId, resource.kind(), resource.externalId(),
                        resource.name() == null ? resource.externalId() : resource.name()))
                        .addValue(resource.url())
                        .addValue(new JsonObject(resource.metadata() == null ? Map.of() : resource.metadata())));
            }
            Uni<Void> upserted = rows.isEmpty() ? Uni.createFrom().voidItem()
                    : connection.preparedQuery(UPSERT).executeBatch(rows).replaceWithVoid();
            return upserted
                    .flatMap(v -> connection.preparedQuery(
                                    "delete from integration_resources where integration_id = $1 "
                                            + "and last_seen_at < date_trunc('milliseconds', now())")
                            .execute(Tuple.of(integrationId)))
                    .flatMap(deleted -> connection.preparedQuery("update integrations set status_health = 'healthy', "
                                    + "last_synced_at = date_trunc('milliseconds', now()), last_sync_job_id = $2, last_error = null, "
                                    + RESCHEDULE + ", " + STATUS_CHANGE + " where id = $1")
                            .execute(Tuple.of(integrationId, context.jobId()))
                            .map(updated -> {
                                ObjectNode result = json.createObjectNode();
                                result.put("resources", found.size());
                                result.put("removed", deleted.rowCount());
                                return JobOutcome.succeeded(result);
                            }));
        }));
    }

    private Uni<Void> recordFailure(JobContext context, UUID integrationId, String message, boolean pause) {
        LOG.infof("sync of integration %s failed: %s", integrationId, message);
        return pool.preparedQuery("update integrations set status_health = 'failing', last_sync_job_id = $2, "
                        + "last_error = $3, " + (pause ? PAUSE + ", " : "") + STATUS_CHANGE + " where id = $1")
                .execute(Tuple.of(integrationId, context.jobId(), message)).replaceWithVoid();
    }

    private static Uni<Boolean> lock(SqlConnection connection, UUID integrationId) {
        return connection.preparedQuery("select 1 from integrations where id = $1 for update")
                .execute(Tuple.of(integrationId)).map(rows -> rows.size() > 0);
    }
}
