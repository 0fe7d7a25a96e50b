package io.integrationshub.broker;

import io.integrationshub.broker.BrokerViews.Connection;
import io.integrationshub.common.error.ApiException;
import io.integrationshub.common.error.ErrorCode;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

import java.util.Map;

/**
 * A broker client's heartbeat. Authenticated only by "Authorization: Broker brk_..." (current or
 * provisional token): user JWTs and API tokens are refused here like a missing credential.
 */
@Path("/v1/broker/connections")
@Tag(name = "Broker")
@Produces(MediaType.APPLICATION_JSON)
public class BrokerConnectionResource {
    private final BrokerConnections connections;
    private final CurrentIdentityAssociation identities;

    public BrokerConnectionResource(BrokerConnections connections, CurrentIdentityAssociation identities) {
        this.connections = connections;
        this.identities = identities;
    }

    @POST
    @SecurityRequirement(name = "broker")
    @Operation(operationId = "connectBrokerClient", summary = "Broker client heartbeat (Authorization: Broker <token>)",
            description = "Call every 60 s or more often. Records the token's last heartbeat (written at most every few "
                    + "seconds) and the client version from User-Agent, and answers the integrations of the token's broker "
                    + "group, without secrets. The group's current and provisional tokens both authenticate; a retired "
                    + "or unknown token is 401. No request body is read.")
    @APIResponse(responseCode = "200", description = "The group's integrations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Connection.class)))
    @APIResponse(responseCode = "401", description = "Missing, malformed, unknown or retired broker token",
            headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = SchemaType.STRING, example = BrokerAuthenticationMechanism.CHALLENGE)))
    public Uni<Connection> connect(@RestHeader("User-Agent") @Parameter(description = "The broker client and its version, e.g. broker-client/4.2.0") String userAgent) {
        return identities.getDeferredIdentity()
                // A token that failed to authenticate is answered like a missing one.
                .onFailure().recoverWithNull()
                .flatMap(identity -> {
                    BrokerPrincipal token = identity == null ? null : identity.getAttribute(BrokerPrincipal.ATTRIBUTE);
                    if (token == null) {
                        return Uni.createFrom().failure(new ApiException(ErrorCode.UNAUTHENTICATED,
                                "a current or provisional broker token is required: Authorization: Broker brk_...", null,
                                Map.of("WWW-Authenticate", BrokerAuthenticationMechanism.CHALLENGE)));
                    }
                    return connections.heartbeat(token, userAgent);
                });
    }
}
