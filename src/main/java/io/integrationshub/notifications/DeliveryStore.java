package io.integrationshub.notifications;

import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.notifications.NotificationViews.AttemptView;
import io.integrationshub.notifications.NotificationViews.DeliveryView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every statement on deliveries that goes straight to the reactive pool, in one place. The delivery hot
 * path earns it: one query loads a batch of deliveries with their integration, event and project name,
 * one statement records a batch of attempts and the deliveries' new states ({@link StatementBatcher}),
 * with no Hibernate session or persistence context per delivery. The delivery log reads (a page with the
 * job's next run joined, one delivery, its attempts) and the retries-pending gauge are here too.
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
            where d.id = any($1::uuid[])""";

    /**
     * Attempt rows and the deliveries' new state for a batch of attempts in one statement (the CTE runs
     * although nothing reads it). A delivery has one active job, so a batch holds at most one of its attempts.
     */
    private static final String RECORD = """
            with a as (
                select * from unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::int[], $5::int[], $6::text[],
                                     $7::text[], $8::text[])
                    as a(id, delivery_id, at, duration_ms, response_status, excerpt, error, status)),
            attempt as (
                insert into notification_delivery_attempts (id, delivery_id, attempted_at, duration_ms, response_status,
                                                            response_body_excerpt, error)
                select id, delivery_id, at, duration_ms, response_status, excerpt, error from a)
            update notification_deliveries d set attempts = d.attempts + 1, last_attempt_at = a.at,
                   response_status = a.response_status, response_body_excerpt = a.excerpt, error = a.error,
                   status = a.status, updated_at = a.at
            from a where d.id = a.delivery_id""";

    /** Statements of concurrent deliveries wait this long for each other ({@link StatementBatcher}). */
    private static final Duration BATCH_DELAY = Duration.ofMillis(1);
    private static final int BATCH_MAX = 200;

    /** A delivery ready to send, with its integration's sealed columns as stored. */
    record Target(UUID deliveryId, String status, int attempts, UUID integrationId, UUID projectId, UUID organisationId,
            String type, boolean enabled, byte[] urlCiphertext, String channel, byte[] secretCiphertext,
            byte[] previousSecretCiphertext, Instant previousSecretExpiresAt, UUID eventId, String eventType, String data,
            Instant occurredAt, String projectName) {
    }

    /** One attempt's result: a response status (null when none came) and/or an error, both secret-free. */
    record Attempt(Instant at, int durationMs, Integer responseStatus, String excerpt, String error) {
    }

    private static final String VIEW_COLUMNS = "d.id, d.notification_integration_id, d.event_id, d.event_type, d.status, "
            + "d.attempts, d.last_attempt_at, case when d.status = 'pending' and j.status in ('queued', 'running') "
            + "then j.run_at end as next_attempt_at, d.response_status, d.response_body_excerpt, d.error, d.job_id, d.created_at";

    private final Pool pool;
    private final AuditLog audit;
    private final StatementBatcher<UUID, Target> loads;
    private final StatementBatcher<Recorded, Boolean> records;

    public DeliveryStore(Pool pool, AuditLog audit, Vertx vertx) {
        this.pool = pool;
        this.audit = audit;
        this.loads = new StatementBatcher<>(vertx, BATCH_MAX, BATCH_DELAY, this::loadAll);
        this.records = new StatementBatcher<>(vertx, BATCH_MAX, BATCH_DELAY, this::recordAll);
    }

    /** The delivery with what sending it needs, or null; batched with concurrent deliveries' loads. */
    Uni<Target> load(UUID deliveryId) {
        return loads.submit(deliveryId);
    }

    private Uni<List<Target>> loadAll(List<UUID> ids) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(ids.toArray(new UUID[0]))).map(rows -> {
            Map<UUID, Target> found = new HashMap<>();
            rows.forEach(r -> found.put(r.getUUID("id"), target(r)));
            List<Target> targets = new ArrayList<>(ids.size());
            ids.forEach(id -> targets.add(found.get(id)));
            return targets;
        });
    }

    private static Target target(Row r) {
        return new Target(r.getUUID("id"), r.getString("status"), r.getInteger("attempts"),
                r.getUUID("notification_integration_id"), r.getUUID("project_id"), r.getUUID("organisation_id"),
                r.getString("type"), r.getBoolean("enabled"), bytes(r, "url_ciphertext"), r.getString("channel"),
                bytes(r, "signing_secret_ciphertext"), bytes(r, "previous_secret_ciphertext"),
                instant(r, "previous_secret_expires_at"), r.getUUID("event_id"),
                r.getString("event_type"), r.getString("data"), instant(r, "occurred_at"),
                r.getString("project_name"));
    }

    /** Records an attempt and the delivery's new status; batched with concurrent deliveries' records. */
    Uni<Void> record(UUID deliveryId, Attempt attempt, String status) {
        return records.submit(new Recorded(deliveryId, attempt, status)).replaceWithVoid();
    }

    private record Recorded(UUID deliveryId, Attempt attempt, String status) {
    }

    private Uni<List<Boolean>> recordAll(List<Recorded> batch) {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        UUID[] deliveries = new UUID[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        Integer[] durations = new Integer[n];
        Integer[] statuses = new Integer[n];
        String[] excerpts = new String[n];
        String[] errors = new String[n];
        String[] states = new String[n];
        for (int i = 0; i < n; i++) {
            Recorded r = batch.get(i);
            ids[i] = Ids.newId();
            deliveries[i] = r.deliveryId();
            at[i] = OffsetDateTime.ofInstant(r.attempt().at(), ZoneOffset.UTC);
            durations[i] = r.attempt().durationMs();
            statuses[i] = r.attempt().responseStatus();
            excerpts[i] = r.attempt().excerpt();
            errors[i] = r.attempt().error();
            states[i] = r.status();
        }
        Tuple args = Tuple.tuple().addArrayOfUUID(ids).addArrayOfUUID(deliveries).addArrayOfOffsetDateTime(at)
                .addArrayOfInteger(durations).addArrayOfInteger(statuses).addArrayOfString(excerpts)
                .addArrayOfString(errors).addArrayOfString(states);
        return pool.preparedQuery(RECORD).execute(args).map(rows -> java.util.Collections.nCopies(n, Boolean.TRUE));
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

    /** A page of an integration's deliveries, keyset-paged on the (notification_integration_id, created_at, id) index. */
    Uni<List<DeliveryView>> page(UUID integrationId, PageRequest page) {
        String sql = "select " + VIEW_COLUMNS + " from notification_deliveries d left join jobs j on j.id = d.job_id "
                + "where d.notification_integration_id = $1" + page.keysetSql("d.created_at", "d.id", 2)
                + page.sqlOrder("d.created_at", "d.id") + " limit " + page.fetchSize();
        Tuple args = Tuple.of(integrationId);
        for (Object value : page.keysetSqlArguments()) {
            args.addValue(value);
        }
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<DeliveryView> views = new ArrayList<>();
            rows.forEach(row -> views.add(view(row)));
            return views;
        });
    }

    Uni<DeliveryView> view(UUID integrationId, UUID deliveryId) {
        return pool.preparedQuery("select " + VIEW_COLUMNS + " from notification_deliveries d left join jobs j on j.id = d.job_id "
                        + "where d.notification_integration_id = $1 and d.id = $2")
                .execute(Tuple.of(integrationId, deliveryId))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
    }

    Uni<List<AttemptView>> attempts(UUID deliveryId) {
        return pool.preparedQuery("select id, attempted_at, duration_ms, response_status, response_body_excerpt, error "
                        + "from notification_delivery_attempts where delivery_id = $1 order by attempted_at, id limit 1000")
                .execute(Tuple.of(deliveryId))
                .map(rows -> {
                    List<AttemptView> views = new ArrayList<>();
                    rows.forEach(r -> views.add(new AttemptView(r.getUUID("id"), instant(r, "attempted_at"),
                            r.getInteger("duration_ms"), r.getInteger("response_status"),
                            r.getString("response_body_excerpt"), r.getString("error"))));
                    return views;
                });
    }

    /** Deliveries waiting for a retry after a failed attempt ({@code hub_notifications_retries_pending}). */
    Uni<Long> retriesPending() {
        return pool.query("select count(*) as n from notification_deliveries where status = 'pending' and attempts > 0")
                .execute().map(rows -> rows.iterator().next().getLong("n"));
    }

    private static DeliveryView view(Row r) {
        return new DeliveryView(r.getUUID("id"), r.getUUID("notification_integration_id"), r.getUUID("event_id"),
                r.getString("event_type"), r.getString("status"), r.getInteger("attempts"), instant(r, "last_attempt_at"),
                instant(r, "next_attempt_at"), r.getInteger("response_status"), r.getString("response_body_excerpt"),
                r.getString("error"), r.getUUID("job_id"), instant(r, "created_at"));
    }

    private static Instant instant(Row row, String column) {
        Object value = row.getValue(column);
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(java.time.ZoneOffset.UTC);
        }
        return (Instant) value;
    }

    private static byte[] bytes(Row row, String column) {
        var buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }
}
