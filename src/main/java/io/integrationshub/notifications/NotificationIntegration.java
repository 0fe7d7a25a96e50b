package io.integrationshub.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A Slack or webhook destination of one project's events (API.md 10). */
@Entity
@Table(name = "notification_integrations")
public class NotificationIntegration extends PanacheEntityBase {
    /** Associated-data contexts of the sealed columns. */
    public static final String URL_CONTEXT = "notification_integrations.url";
    public static final String SECRET_CONTEXT = "notification_integrations.signing_secret";
    public static final String PREVIOUS_SECRET_CONTEXT = "notification_integrations.previous_signing_secret";
    public static final String SLACK = "slack";
    public static final String WEBHOOK = "webhook";

    @Id
    public UUID id;
    @Column(name = "project_id")
    public UUID projectId;
    @Column(name = "organisation_id")
    public UUID organisationId;
    public String type;
    public boolean enabled;
    @Column(name = "url_ciphertext")
    public byte[] urlCiphertext;
    @Column(name = "url_key_id")
    public int urlKeyId;
    @Column(name = "url_masked")
    public String urlMasked;
    public String channel;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode events;
    @Column(name = "signing_secret_ciphertext")
    public byte[] signingSecretCiphertext;
    @Column(name = "signing_secret_key_id")
    public Integer signingSecretKeyId;
    @Column(name = "previous_secret_ciphertext")
    public byte[] previousSecretCiphertext;
    @Column(name = "previous_secret_key_id")
    public Integer previousSecretKeyId;
    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;

    public boolean isWebhook() {
        return WEBHOOK.equals(type);
    }
}
