package io.integrationshub.notifications;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
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
    @Column(name = "project_id")
    public UUID projectId;
    @Column(name = "notification_integration_id")
    public UUID notificationIntegrationId;
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "event_type")
    public String eventType;
    public String status;
    public int attempts;
    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;
    @Column(name = "response_status")
    public Integer responseStatus;
    @Column(name = "response_body_excerpt")
    public String responseBodyExcerpt;
    public String error;
    @Column(name = "job_id")
    public UUID jobId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
