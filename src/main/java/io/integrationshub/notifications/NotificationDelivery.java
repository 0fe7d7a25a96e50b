package io.integrationshub.notifications;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One event sent to one notification integration; its id is the {@code webhook-id} of every attempt. */
@Entity
@Table(name = "notification_deliveries")
public class NotificationDelivery extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    public UUID id;
    public UUID projectId;
    public UUID notificationIntegrationId;
    public UUID eventId;
    public String eventType;
    public String status;
    public int attempts;
    public Instant lastAttemptAt;
    public Integer responseStatus;
    public String responseBodyExcerpt;
    public String error;
    public UUID jobId;
    public Instant createdAt;
    public Instant updatedAt;
}
