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
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Every native statement on deliveries, in one place, each in a stateless Hibernate Reactive session of its
 * own (no persistence context, no entities). The delivery hot path: one query loads a batch of deliveries
 * with their integration, event and project name, one statement records a batch of attempts and the
 * deliveries' new states ({@link StatementBatcher}), so a session is opened per batch, not per delivery.
 * The delivery log reads (a page with the job's next run joined, one delivery, its attempts) and the
 * retries-pending gauge are here too.
 */
@ApplicationScoped
public class DeliveryStore {
    private static final String LOAD = """
            select d.id, d.status, d.attempts, d.notification_integration_id, d.project_id,
                   i.type, i.enabled, i.organisation_id, i.url_ciphertext, i.channel, i.signing_secret_ciphertext,
                   i.previous_secret_ciphertext, i.previous_secret_expires_at,
                   e.id as event_id, e.type as event_type, cast(e.data as text) as data, e.occurred_at, p.name as project_name
            from notification_deliveries d
            join notification_integrations i on i.id = d.notification_integration_id
            join notification_events e on e.id = d.event_id
            join projects p on p.id = d.project_id
            where d.id = any(:ids)""";

    /**
     * Attempt rows and the deliveries' new state for a batch of attempts in one statement (the CTE runs
     * although nothing reads it). A delivery has one active job, so a batch holds at most one of its attempts.
     */
    private static final String RECORD = """
            with a as (
                select * from unnest(cast(:ids as uuid[]), cast(:deliveries as uuid[]), cast(cast(:at as text[]) as timestamptz[]),
                                     cast(:durations as int[]), cast(:statuses as int[]), cast(:excerpts as text[]),
                                     cast(:errors as text[]), cast(:states as text[]))
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

    private final Mutiny.SessionFactory sessions;
    private final AuditLog audit;
    private final StatementBatcher<UUID, Target> loads;
    private final StatementBatcher<Recorded, Boolean> records;

    public DeliveryStore(Mutiny.SessionFactory sessions, AuditLog audit, Vertx vertx) {
        this.sessions = sessions;
        this.audit = audit;
        this.loads = new StatementBatcher<>(vertx, BATCH_MAX, BATCH_DELAY, this::loadAll);
        this.records = new StatementBatcher<>(vertx, BATCH_MAX, BATCH_DELAY, this::recordAll);
    }

    /** The delivery with what sending it needs, or null; batched with concurrent deliveries' loads. */
    Uni<Target> load(UUID deliveryId) {
        return loads.submit(deliveryId);
    }

    private Uni<List<Target>> loadAll(List<UUID> ids) {
        return inSession(session -> session.<Object[]>createNativeQuery(LOAD)
                .setParameter("ids", ids.toArray(new UUID[0])).getResultList()).map(rows -> {
            Map<UUID, Target> found = new HashMap<>();
            rows.forEach(r -> found.put(uuid(r[0]), target(r)));
            List<Target> targets = new ArrayList<>(ids.size());
            ids.forEach(id -> targets.add(found.get(id)));
            return targets;
        });
    }

    /** A row of {@link #LOAD}, by the position of its columns. */
    private static Target target(Object[] r) {
        return new Target(uuid(r[0]), (String) r[1], integer(r[2]), uuid(r[3]), uuid(r[4]), uuid(r[7]),
                (String) r[5], (Boolean) r[6], (byte[]) r[8], (String) r[9], (byte[]) r[10], (byte[]) r[11],
                instant(r[12]), uuid(r[13]), (String) r[14], (String) r[15], instant(r[16]), (String) r[17]);
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
        // ISO-8601 text: Hibernate would bind an array of timestamps as Instant[], which the client cannot encode.
        String[] at = new String[n];
        Integer[] durations = new Integer[n];
        Integer[] statuses = new Integer[n];
        String[] excerpts = new String[n];
        String[] errors = new String[n];
        String[] states = new String[n];
        for (int i = 0; i < n; i++) {
            Recorded r = batch.get(i);
            ids[i] = Ids.newId();
            deliveries[i] = r.deliveryId();
            at[i] = r.attempt().at().toString();
            durations[i] = r.attempt().durationMs();
            statuses[i] = r.attempt().responseStatus();
            excerpts[i] = r.attempt().excerpt();
            errors[i] = r.attempt().error();
            states[i] = r.status();
        }
        return inSession(session -> session.createNativeQuery(RECORD).setParameter("ids", ids)
                .setParameter("deliveries", deliveries).setParameter("at", at).setParameter("durations", durations)
                .setParameter("statuses", statuses).setParameter("excerpts", excerpts).setParameter("errors", errors)
                .setParameter("states", states).executeUpdate())
                .map(updated -> Collections.nCopies(n, Boolean.TRUE));
    }

    /** Ends a delivery without an attempt (its integration was disabled meanwhile). */
    Uni<Void> fail(UUID deliveryId, String error) {
        return inSession(session -> session.createNativeQuery("update notification_deliveries set status = 'failed', "
                        + "error = :error, updated_at = date_trunc('milliseconds', clock_timestamp()) "
                        + "where id = :id and status = 'pending'")
                .setParameter("id", deliveryId).setParameter("error", error).executeUpdate()).replaceWithVoid();
    }

    /** Forgets a previous signing secret once it expired (API.md 10: then it is dropped). */
    Uni<Void> dropExpiredPreviousSecret(UUID integrationId) {
        return inSession(session -> session.createNativeQuery("update notification_integrations "
                        + "set previous_secret_ciphertext = null, previous_secret_key_id = null, "
                        + "previous_secret_expires_at = null where id = :id and previous_secret_expires_at <= now()")
                .setParameter("id", integrationId).executeUpdate()).replaceWithVoid();
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
                + "where d.notification_integration_id = :integration" + page.keysetCondition("d.created_at", "d.id")
                + page.sqlOrder("d.created_at", "d.id") + " limit :limit";
        Map<String, Object> parameters = page.bind(Parameters.with("integration", integrationId)
                .and("limit", page.fetchSize())).map();
        return inSession(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(DeliveryStore::view).toList());
    }

    Uni<DeliveryView> view(UUID integrationId, UUID deliveryId) {
        return inSession(session -> session.<Object[]>createNativeQuery("select " + VIEW_COLUMNS
                        + " from notification_deliveries d left join jobs j on j.id = d.job_id "
                        + "where d.notification_integration_id = :integration and d.id = :id")
                .setParameter("integration", integrationId).setParameter("id", deliveryId).getResultList())
                .map(rows -> rows.isEmpty() ? null : view(rows.get(0)));
    }

    Uni<List<AttemptView>> attempts(UUID deliveryId) {
        return inSession(session -> session.<Object[]>createNativeQuery("select id, attempted_at, duration_ms, "
                        + "response_status, response_body_excerpt, error from notification_delivery_attempts "
                        + "where delivery_id = :delivery order by attempted_at, id limit 1000")
                .setParameter("delivery", deliveryId).getResultList())
                .map(rows -> rows.stream().map(r -> new AttemptView(uuid(r[0]), instant(r[1]), integer(r[2]),
                        integer(r[3]), (String) r[4], (String) r[5])).toList());
    }

    /** Deliveries waiting for a retry after a failed attempt ({@code hub_notifications_retries_pending}). */
    Uni<Long> retriesPending() {
        return inSession(session -> session.createNativeQuery(
                        "select count(*) from notification_deliveries where status = 'pending' and attempts > 0")
                .getSingleResult())
                .map(n -> ((Number) n).longValue());
    }

    /** A row of {@link #VIEW_COLUMNS}, by the position of its columns. */
    private static DeliveryView view(Object[] r) {
        return new DeliveryView(uuid(r[0]), uuid(r[1]), uuid(r[2]), (String) r[3], (String) r[4], integer(r[5]),
                instant(r[6]), instant(r[7]), integer(r[8]), (String) r[9], (String) r[10], uuid(r[11]), instant(r[12]));
    }

    /**
     * A stateless session of the statement's own, whatever the caller's Vert.x context holds: a batched
     * statement runs on whichever delivery's context started or filled the batch.
     */
    private <T> Uni<T> inSession(Function<Mutiny.StatelessSession, Uni<T>> work) {
        return sessions.openStatelessSession().flatMap(session -> work.apply(session).eventually(session::close));
    }

    // Native query columns come back typed by Hibernate from the column's SQL type; these accept each form.
    private static UUID uuid(Object value) {
        return value == null || value instanceof UUID ? (UUID) value : UUID.fromString(value.toString());
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }
}
