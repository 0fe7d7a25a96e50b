package io.integrationshub.jobs.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * A job to enqueue with {@link JobQueue#enqueue}. Build it with {@link #of} and the {@code with…}
 * methods:
 * <pre>{@code
 * NewJob.of(orgId, JobTypes.INTEGRATION_SYNC, new JobTarget("integration", integrationId))
 *       .withDedupeKey("integration.sync:" + integrationId)
 * }</pre>
 *
 * @param payload     JSON the handler receives; ids and options only, never secrets (null: {@code {}})
 * @param maxAttempts attempts before the job fails for good; null: the handler's
 *                    {@link JobHandler#maxAttempts()}, else {@code hub.jobs.max-attempts} (5)
 * @param runAt       earliest start; null: now
 * @param dedupeKey   while a queued or running job holds this key, enqueueing another with it returns
 *                    that job instead. Keys are global: start them with the type and target id.
 */
public record NewJob(UUID organisationId, String type, JobTarget target, JsonNode payload, Integer maxAttempts,
        Instant runAt, String dedupeKey) {

    public static NewJob of(UUID organisationId, String type, JobTarget target) {
        return new NewJob(organisationId, type, target, null, null, null, null);
    }

    public static NewJob of(UUID organisationId, String type, String targetType, UUID targetId) {
        return of(organisationId, type, new JobTarget(targetType, targetId));
    }

    public NewJob withPayload(JsonNode payload) {
        return new NewJob(organisationId, type, target, payload, maxAttempts, runAt, dedupeKey);
    }

    public NewJob withMaxAttempts(Integer maxAttempts) {
        return new NewJob(organisationId, type, target, payload, maxAttempts, runAt, dedupeKey);
    }

    public NewJob withRunAt(Instant runAt) {
        return new NewJob(organisationId, type, target, payload, maxAttempts, runAt, dedupeKey);
    }

    public NewJob withDedupeKey(String dedupeKey) {
        return new NewJob(organisationId, type, target, payload, maxAttempts, runAt, dedupeKey);
    }
}
