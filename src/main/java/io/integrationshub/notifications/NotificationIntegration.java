package io.integrationshub.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.common.db.VersionedEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A Slack or webhook destination of one project's events (API.md 10). */
@Entity
@Table(name = "notification_integrations")
public class NotificationIntegration extends VersionedEntity {
    /** Associated-data contexts of the sealed columns. */
    public static final String URL_CONTEXT = "notification_integrations.url";
    public static final String SECRET_CONTEXT = "notification_integrations.signing_secret";
    public static final String PREVIOUS_SECRET_CONTEXT = "notification_integrations.previous_signing_secret";
    public static final String SLACK = "slack";
    public static final String WEBHOOK = "webhook";

    public UUID projectId;
    public UUID organisationId;
    public String type;
    public boolean enabled;
    public byte[] urlCiphertext;
    public int urlKeyId;
    public String urlMasked;
    public String channel;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode events;
    public byte[] signingSecretCiphertext;
    public Integer signingSecretKeyId;
    public byte[] previousSecretCiphertext;
    public Integer previousSecretKeyId;
    public Instant previousSecretExpiresAt;

    public boolean isWebhook() {
        return WEBHOOK.equals(type);
    }
}
