package io.integrationshub.notifications;

import io.integrationshub.common.page.PageRequest;
import io.integrationshub.notifications.NotificationViews.AttemptView;
import io.integrationshub.notifications.NotificationViews.DeliveryView;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deliveries and their attempts. Reads that clients page through go straight to the pool: one query
 * with the delivery's job joined for {@code next_attempt_at}, keyset-paged by a row comparison on the
 * (notification_integration_id, created_at, id) index.
 */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<NotificationDelivery, UUID> {
    private static final String COLUMNS = "d.id, d.notification_integration_id, d.event_id, d.event_type, d.status, "
            + "d.attempts, d.last_attempt_at, case when d.status = 'pending' and j.status in ('queued', 'running') "
            + "then j.run_at end as next_attempt_at, d.response_status, d.response_body_excerpt, d.error, d.job_id, d.created_at";

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<DeliveryView>> page(UUID integrationId, PageRequest page) {
        String sql = "select " + COLUMNS + " from notification_deliveries d left join jobs j on j.id = d.job_id "
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

    public Uni<DeliveryView> view(UUID integrationId, UUID deliveryId) {
        return pool.preparedQuery("select " + COLUMNS + " from notification_deliveries d left join jobs j on j.id = d.job_id "
                        + "where d.notification_integration_id = $1 and d.id = $2")
                .execute(Tuple.of(integrationId, deliveryId))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
    }

    public Uni<List<AttemptView>> attempts(UUID deliveryId) {
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

    /** In the caller's transaction, locked: redeliver and recover change one delivery at a time. */
    public Uni<NotificationDelivery> findForUpdate(UUID integrationId, UUID deliveryId) {
        return find("notificationIntegrationId = ?1 and id = ?2", integrationId, deliveryId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The failed deliveries of an integration created since {@code since}, locked, oldest first. */
    public Uni<List<NotificationDelivery>> failedSince(UUID integrationId, Instant since) {
        return find("notificationIntegrationId = ?1 and status = 'failed' and createdAt >= ?2 order by createdAt, id",
                integrationId, since).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    static DeliveryView view(Row r) {
        return new DeliveryView(r.getUUID("id"), r.getUUID("notification_integration_id"), r.getUUID("event_id"),
                r.getString("event_type"), r.getString("status"), r.getInteger("attempts"), instant(r, "last_attempt_at"),
                instant(r, "next_attempt_at"), r.getInteger("response_status"), r.getString("response_body_excerpt"),
                r.getString("error"), r.getUUID("job_id"), instant(r, "created_at"));
    }

    static Instant instant(Row row, String column) {
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
}
