package io.integrationshub.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.common.Times;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An integration of an organisation with a provider. It declares id, created_at, updated_at and version itself
 * rather than extend {@link io.integrationshub.common.db.VersionedEntity}: {@link IntegrationRows} maps a row onto
 * this class's declared fields.
 */
@Entity
@Table(name = "integrations")
public class Integration extends PanacheEntityBase {
    /** Associated-data context of the credentials ciphertext. */
    public static final String CREDENTIALS_CONTEXT = "integrations.credentials";

    @Id
    public UUID id;
    public UUID organisationId;
    public String provider;
    public String profileName;
    public String itemType;
    public boolean enabled;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode configuration;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode settings;
    public byte[] credentialsCiphertext;
    public Integer credentialsKeyId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> credentialFields;
    public Instant credentialsUpdatedAt;
    public boolean brokerEnabled;
    /** The broker group (io.integrationshub.broker) of a brokered integration, else null. */
    public UUID brokerGroupId;
    // Read-only views of the broker group, selected with the row (no extra query per integration).
    @Formula("(select t.token_hint from broker_tokens t where t.group_id = broker_group_id and t.state = 'current')")
    public String brokerTokenHint;
    @Formula("(select count(*) > 0 from broker_tokens t where t.group_id = broker_group_id and t.state = 'provisional')")
    public boolean brokerProvisionalPending;
    @Formula("(select max(t.last_seen_at) from broker_tokens t where t.group_id = broker_group_id and t.state <> 'retired')")
    public Instant brokerLastHeartbeatAt;
    public String statusHealth;
    public Instant lastSyncedAt;
    public UUID lastSyncJobId;
    public String lastError;
    /** Null: manual syncs only (API.md 4.2); see {@link SyncSchedule}. */
    public Integer syncIntervalMinutes;
    public Instant nextSyncAt;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public int version;

    public boolean hasCredentials() {
        return credentialsCiphertext != null;
    }

    /**
     * Marks a change of the integration's representation (API.md 1.3): {@code updated_at} from the application
     * clock ({@link Times#now()}, like {@code created_at}); {@code version} moves by {@link Version} when the
     * row is flushed. The API's writes ({@code IntegrationWrites.save}), the broker's and the sync's status
     * changes all go through here; the bulk touch of a broker group's members ({@code BrokerRepository.touchMembers})
     * is an HQL {@code update versioned} with the same clock.
     */
    public void touch() {
        updatedAt = Times.now();
    }
}
