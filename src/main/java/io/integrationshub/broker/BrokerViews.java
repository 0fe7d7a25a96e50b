package io.integrationshub.broker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.integrations.IntegrationViews.IntegrationView;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** Request and response bodies of the broker (API.md 5). */
public final class BrokerViews {
    private BrokerViews() {
    }

    @Schema(name = "BrokerUpdate", description = "{enabled: true} brokers the integration (stored credentials are erased); "
            + "{enabled: false, credentials} takes it out of its broker group with these credentials.")
    public record BrokerUpdate(@Schema(required = true) Boolean enabled,
            @Schema(type = SchemaType.OBJECT, description = "Required when disabling; validated against the provider's credentials_schema. Never returned.") JsonNode credentials) {
    }

    @Schema(name = "BrokerUpdated")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BrokerUpdated(IntegrationView integration,
            @Schema(nullable = true, description = "The new broker token when enabling, shown this once; null when disabling") String brokerToken) {
    }

    @Schema(name = "BrokerProvisionalToken")
    public record ProvisionalToken(@Schema(description = "The integration's id") UUID id,
            @Schema(description = "brk_...: start a broker client with it, then switch; shown this once") String provisionalBrokerToken) {
    }

    @Schema(name = "BrokerConnectedIntegration", description = "An integration served by the broker client; no secret")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ConnectedIntegration(UUID id, UUID organisationId, String provider,
            @Schema(type = SchemaType.OBJECT) JsonNode configuration) {
    }

    @Schema(name = "BrokerConnection", description = "The integrations of the token's broker group")
    public record Connection(List<ConnectedIntegration> integrations) {
    }
}
