package io.integrationshub.broker;

import io.integrationshub.auth.Caller;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.web.JobStarts;
import io.integrationshub.broker.BrokerViews.BrokerUpdate;
import io.integrationshub.broker.BrokerViews.BrokerUpdated;
import io.integrationshub.broker.BrokerViews.ProvisionalToken;
import io.integrationshub.common.web.Responses;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.jobs.api.JobResponses;
import io.integrationshub.jobs.api.JobView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

@Path("/v1/orgs/{org_id}/integrations/{integration_id}/broker")
@Authenticated
@Tag(name = "Broker")
@Produces(MediaType.APPLICATION_JSON)
public class BrokerResource {
    private final BrokerService service;
    private final Idempotency idempotency;
    private final CurrentCaller current;
    private final JobStarts jobStarts;

    public BrokerResource(BrokerService service, Idempotency idempotency, CurrentCaller current, JobStarts jobStarts) {
        this.service = service;
        this.idempotency = idempotency;
        this.current = current;
        this.jobStarts = jobStarts;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateIntegrationBroker", summary = "Enable or disable the broker (org.integration.edit)",
            description = "{enabled: true}: the integration is brokered in a new broker group; its stored credentials are "
                    + "erased in the same transaction and the answer holds broker_token, shown this once. "
                    + "{enabled: false, credentials}: the credentials are validated and stored sealed, and the integration "
                    + "leaves its broker group (the other members keep the token; the last one out retires it). "
                    + "Providers without supports_broker: 400. Enabling a brokered or disabling a non-brokered integration: 409.")
    @APIResponse(responseCode = "200", description = "Changed; ETag is the integration's version",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BrokerUpdated.class)))
    @APIResponse(responseCode = "409", description = "The broker is already in the requested state")
    public Uni<RestResponse<BrokerUpdated>> update(@RestPath("org_id") UUID org,
            @RestPath("integration_id") UUID id, @RestHeader("If-Match") String ifMatch, BrokerUpdate body) {
        return service.update(current.get(), org, id, ifMatch, body)
                .map(updated -> Responses.ok(updated, updated.integration().version(), updated.brokerToken() != null));
    }

    @POST
    @Path("/provisional-token")
    @Operation(operationId = "provisionBrokerToken", summary = "Provision a new broker token for the integration's broker group (org.integration.edit)",
            description = "Start a broker client with provisional_broker_token (shown this once), then POST …/switch-token. "
                    + "Both the current and the provisional token authenticate at POST /v1/broker/connections meanwhile.")
    @APIResponse(responseCode = "201", description = "Provisioned",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProvisionalToken.class)))
    @APIResponse(responseCode = "409", description = "The broker is off, a provisional token is already pending in the "
            + "integration's broker group, or the Idempotency-Key was used with another request")
    public Uni<Response> provision(@RestPath("org_id") UUID org, @RestPath("integration_id") UUID id,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key, UriInfo uri) {
        Caller caller = current.get();
        service.authorise(caller, org);
        return idempotency.post(caller, key, uri, null, () -> service.provision(caller, org, id)
                .map(token -> Responses.noStore(Responses.created(null, token, null))));
    }

    @POST
    @Path("/switch-token")
    @Operation(operationId = "switchBrokerToken", summary = "Switch the broker group to its provisional token (org.integration.edit)",
            description = "Starts a broker.switch_token job. It succeeds only if a broker client presented the provisional "
                    + "token at POST /v1/broker/connections within HUB_BROKER_HEARTBEAT_WINDOW (10m): then every "
                    + "integration of the group uses it and the old token stops authenticating, atomically. Otherwise "
                    + "the job fails with error.code broker_not_connected and the provisional token stays pending. "
                    + "Concurrent requests for one group answer the same job.")
    @APIResponse(responseCode = "202", description = "The switch job; Location: /v1/jobs/{id}",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "200", description = "With Prefer: wait=N, the job finished within N seconds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "409", description = "The broker is off or no provisional token is pending, or the "
            + "Idempotency-Key was used with another request")
    public Uni<Response> switchToken(@RestPath("org_id") UUID org, @RestPath("integration_id") UUID id,
            @RestHeader("Prefer") @Parameter(description = JobResponses.PREFER_DESCRIPTION) String prefer,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key, UriInfo uri) {
        Caller caller = current.get();
        service.authorise(caller, org);
        return jobStarts.started(caller, key, uri, prefer, () -> service.requestSwitch(caller, org, id));
    }
}
