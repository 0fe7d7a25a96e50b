package io.integrationshub.notifications;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Deliveries as entities, for the writes of redeliver and recover (locked rows); reads are in {@link DeliveryStore}. */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<NotificationDelivery, UUID> {
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
}
