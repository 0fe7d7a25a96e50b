package io.integrationshub.integrations;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.integrationshub.common.openapi.ResponseSchemas;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.common.web.Versioned;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of integrations (API.md 4.2, 4.3). */
public final class IntegrationViews {
    private IntegrationViews() {
    }

    @Schema(name = "BrokerRequest")
    public record BrokerRequest(@Schema(required = true) Boolean enabled) {
    }

    @Schema(name = "IntegrationCreate")
    public record CreateIntegration(
            @Schema(required = true, description = "A provider id from GET /v1/providers", example = "github") String provider,
            @Schema(minLength = 1, maxLength = 100, description = "Defaults to the provider's name; unique per organisation and provider") String profileName,
            @Schema(description = "Defaults to the provider's default_item_type") String itemType,
            @Schema(defaultValue = "true") Boolean enabled,
            @Schema(type = SchemaType.OBJECT, description = "Validated against the provider's configuration_schema") JsonNode configuration,
            @Schema(type = SchemaType.OBJECT, description = "Validated against the provider's credentials_schema; required unless the broker is enabled. Never returned.") JsonNode credentials,
            @Schema(type = SchemaType.OBJECT, description = "Validated against the provider's settings_schema; defaults fill the rest") JsonNode settings,
            BrokerRequest broker,
            @Schema(nullable = true, minimum = "15", maximum = "10080", description = "Minutes between scheduled syncs; null: manual only. Only for providers that support sync.") Integer syncIntervalMinutes) {
    }

    @Schema(name = "IntegrationUpdate", description = "Only the fields given change; configuration is replaced whole; provider is immutable.")
    public record UpdateIntegration(@Schema(minLength = 1, maxLength = 100) String profileName, String itemType,
            Boolean enabled, @Schema(type = SchemaType.OBJECT) JsonNode configuration,
            @Schema(hidden = true) @com.fasterxml.jackson.annotation.JsonIgnore boolean syncIntervalMinutesGiven,
            @Schema(nullable = true, minimum = "15", maximum = "10080", description = "null: manual syncs only") Integer syncIntervalMinutes) {
    }

    @Schema(name = "ConfigurationReplace")
    public record ReplaceConfiguration(@Schema(required = true, type = SchemaType.OBJECT) JsonNode configuration) {
    }

    @Schema(name = "CredentialsReplace")
    public record ReplaceCredentials(@Schema(required = true, type = SchemaType.OBJECT) JsonNode credentials) {
    }

    @Schema(name = "IntegrationClone")
    public record CloneIntegration(@Schema(required = true) UUID destinationOrgId) {
    }

    @Schema(name = "IntegrationCredentials", description = "Whether credentials are stored and which fields; never their values")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CredentialsView(boolean configured, List<String> fields, @Schema(nullable = true) Instant updatedAt) {
    }

    @Schema(name = "IntegrationBroker")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BrokerView(boolean enabled, @Schema(nullable = true, description = "Last 4 characters of the current broker token") String tokenHint,
            boolean provisionalTokenPending,
            @Schema(nullable = true, description = "Last heartbeat of a broker client with a live token of the group; heartbeats do not change version") Instant lastHeartbeatAt) {
    }

    @Schema(name = "IntegrationStatus")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StatusView(@Schema(enumeration = {"unknown", "healthy", "failing"}) String health,
            @Schema(nullable = true) Instant lastSyncedAt, @Schema(nullable = true) UUID lastSyncJobId,
            @Schema(nullable = true) String lastError,
            @Schema(nullable = true, description = "When the next scheduled sync starts; null when none is scheduled") Instant nextSyncAt) {
    }

    @Schema(name = "Integration")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(using = IntegrationViewSerializer.class)
    public record IntegrationView(UUID id, UUID organisationId, String provider, String profileName, String itemType,
            boolean enabled, @Schema(type = SchemaType.OBJECT) JsonNode configuration, CredentialsView credentials, BrokerView broker,
            @Schema(nullable = true, minimum = "15", maximum = "10080") Integer syncIntervalMinutes, StatusView status,
            Instant createdAt, Instant updatedAt, int version) implements Versioned {
        public static IntegrationView of(Integration i) {
            return new IntegrationView(i.id, i.organisationId, i.provider, i.profileName, i.itemType, i.enabled,
                    i.configuration,
                    new CredentialsView(i.hasCredentials(), i.hasCredentials() ? i.credentialFields : List.of(),
                            i.credentialsUpdatedAt),
                    new BrokerView(i.brokerEnabled, i.brokerEnabled ? i.brokerTokenHint : null,
                            i.brokerEnabled && i.brokerProvisionalPending, i.brokerEnabled ? i.brokerLastHeartbeatAt : null),
                    i.syncIntervalMinutes,
                    new StatusView(i.statusHealth, i.lastSyncedAt, i.lastSyncJobId, i.lastError, i.nextSyncAt),
                    i.createdAt, i.updatedAt, i.version);
        }
    }

    @Schema(name = "IntegrationCreated", description = "The integration; broker_token (shown once) only when created brokered")
    public record CreatedView(@JsonUnwrapped IntegrationView integration,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "brk_...: start the broker client with it; shown only here",
                    extensions = @Extension(name = ResponseSchemas.OPTIONAL, value = "true")) String brokerToken) {
        @JsonIgnore
        public UUID id() {
            return integration.id();
        }

        @JsonIgnore
        public int version() {
            return integration.version();
        }
    }

    @Schema(name = "IntegrationConfiguration")
    public record ConfigurationView(UUID integrationId, UUID organisationId, String provider,
            @Schema(type = SchemaType.OBJECT) JsonNode configuration,
            @Schema(hidden = true) @com.fasterxml.jackson.annotation.JsonIgnore int version) implements Versioned {
        static ConfigurationView of(Integration i) {
            return new ConfigurationView(i.id, i.organisationId, i.provider, i.configuration, i.version);
        }
    }

    @Schema(name = "IntegrationSettings")
    public record SettingsView(@Schema(type = SchemaType.OBJECT) JsonNode settings) {
    }

    @Schema(name = "IntegrationCloned")
    public record ClonedView(UUID newIntegrationId, IntegrationView integration) {
    }

    @Schema(name = "IntegrationResource", description = "Something a sync found at the provider")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SyncedResourceView(UUID id, UUID integrationId, String kind, String externalId, String name,
            @Schema(nullable = true) String url, Map<String, Object> metadata, Instant firstSeenAt, Instant lastSeenAt) {
        static SyncedResourceView of(SyncedResource r) {
            return new SyncedResourceView(r.id, r.integrationId, r.kind, r.externalId, r.name, r.url, r.metadata,
                    r.firstSeenAt, r.lastSeenAt);
        }
    }

    @Schema(name = "IntegrationPage")
    public static class IntegrationPage extends PageResponse<IntegrationView> {
    }

    @Schema(name = "IntegrationResourcePage")
    public static class SyncedResourcePage extends PageResponse<SyncedResourceView> {
    }
}
