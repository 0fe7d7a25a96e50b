package io.integrationshub.notifications;

import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What a delivery attempt reads and writes, straight on the pool: one query loads the delivery with its
 * integration, event and project name; one statement records an attempt and the delivery's new state.
 */
@ApplicationScoped
public class DeliveryStore {
    private static final String LOAD = """
            select d.id, d.status, d.attempts, d.notification_integration_id, d.project_id,
                   i.type, i.enabled, i.organisation_id, i.url_ciphertext, i.channel, i.signing_secret_ciphertext,
                   i.previous_secret_ciphertext, i.previous_secret_expires_at,
                   e.id as event_id, e.type as event_type, e.data::text as data, e.occurred_at, p.name as project_name
            from notification_deliveries d
            join notification_integrations i on i.id = d.notification_integration_id
            join notification_events e on e.id = d.event_id
            join projects p on p.id = d.project_id
            where d.id = $1""";

    /** The attempt row and the delivery's state in one statement (the CTE runs although nothing reads it). */
    private static final String RECORD = """
            with attempt as (
                insert into notification_delivery_attempts (id, delivery_id, attempted_at, duration_ms, response_status,
                                                            response_body_excerpt, error)
                values ($1, $2, $3, $4, $5, $6, $7))
            update notification_deliveries set attempts = attempts + 1, last_attempt_at = $3, response_status = $5,
                   response_body_excerpt = $6, error = $7, status = $8, updated_at = $3
            where id = $2""";

    /** A delivery ready to send, with its integration's sealed columns as stored. */
    record Target(UUID deliveryId, String status, int attempts, UUID integrationId, UUID projectId, UUID organisationId,
            String type, boolean enabled, byte[] urlCiphertext, String channel, byte[] secretCiphertext,
            byte[] previousSecretCiphertext, Instant previousSecretExpiresAt, UUID eventId, String eventType, String data,
            Instant occurredAt, String projectName) {
    }

    /** One attempt's result: a response status (null when none came) and/or an error, both secret-free. */
    record Attempt(Instant at, int durationMs, Integer responseStatus, String excerpt, String error) {
    }

    private final Pool pool;
    private final AuditLog audit;

    public DeliveryStore(Pool pool, AuditLog audit) {
        this.pool = pool;
        this.audit = audit;
    }

    Uni<Target> load(UUID deliveryId) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(deliveryId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            return new Target(r.getUUID("id"), r.getString("status"), r.getInteger("attempts"),
                    r.getUUID("notification_integration_id"), r.getUUID("project_id"), r.getUUID("organisation_id"),
                    r.getString("type"), r.getBoolean("enabled"), bytes(r, "url_ciphertext"), r.getString("channel"),
                    bytes(r, "signing_secret_ciphertext"), bytes(r, "previous_secret_ciphertext"),
                    DeliveryRepository.instant(r, "previous_secret_expires_at"), r.getUUID("event_id"),
                    r.getString("event_type"), r.getString("data"), DeliveryRepository.instant(r, "occurred_at"),
                    r.getString("project_name"));
        });
    }

    Uni<Void> record(UUID deliveryId, Attempt attempt, String status) {
        Tuple args = Tuple.tuple()
                .addUUID(Ids.newId()).addUUID(deliveryId).addOffsetDateTime(OffsetDateTime.ofInstant(attempt.at(), ZoneOffset.UTC))
                .addInteger(attempt.durationMs()).addInteger(attempt.responseStatus()).addString(attempt.excerpt())
                .addString(attempt.error()).addString(status);
        return pool.preparedQuery(RECORD).execute(args).replaceWithVoid();
    }

    /** Ends a delivery without an attempt (its integration was disabled meanwhile). */
    Uni<Void> fail(UUID deliveryId, String error) {
        return pool.preparedQuery("update notification_deliveries set status = 'failed', error = $2, "
                        + "updated_at = date_trunc('milliseconds', clock_timestamp()) where id = $1 and status = 'pending'")
                .execute(Tuple.of(deliveryId, error)).replaceWithVoid();
    }

    /** Forgets a previous signing secret once it expired (API.md 10: then it is dropped). */
    Uni<Void> dropExpiredPreviousSecret(UUID integrationId) {
        return pool.preparedQuery("update notification_integrations set previous_secret_ciphertext = null, "
                        + "previous_secret_key_id = null, previous_secret_expires_at = null "
                        + "where id = $1 and previous_secret_expires_at <= now()")
                .execute(Tuple.of(integrationId)).replaceWithVoid();
    }

    /**
     * A 410 Gone: the integration is disabled at once and the change audited with the system actor, in one
     * transaction; a second 410 finds it disabled already and writes nothing.
     */
    Uni<Boolean> disableGone(Target target) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                                "update notification_integrations set enabled = false, version = version + 1, updated_at = :now "
                                        + "where id = :id and enabled")
                        .setParameter("now", Times.now()).setParameter("id", target.integrationId())
                        .executeUpdate())
                .flatMap(updated -> updated == 0 ? Uni.createFrom().item(false)
                        : audit.record("system", "notification.deliver", target.organisationId(),
                                "notification_integration.disabled", NotificationService.TARGET, target.integrationId(),
                                Changes.of().field("enabled", true, false)
                                        .field("reason", null, "the receiver answered 410 Gone to delivery " + target.deliveryId()))
                        .replaceWith(true)));
    }

    private static byte[] bytes(Row row, String column) {
        var buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }
}
