package io.integrationshub.sync;

import io.integrationshub.auth.Caller;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.web.JobStarts;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.jobs.api.JobResponses;
import io.integrationshub.jobs.api.JobView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
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

import java.util.UUID;

@Path("/v1/orgs/{org_id}/integrations/{integration_id}/sync")
@Authenticated
@Tag(name = "Integrations")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {
    private final SyncService service;
    private final CurrentCaller current;
    private final JobStarts jobStarts;

    public SyncResource(SyncService service, CurrentCaller current, JobStarts jobStarts) {
        this.service = service;
        this.current = current;
        this.jobStarts = jobStarts;
    }

    @POST
    @Operation(operationId = "syncIntegration", summary = "Sync the integration with its provider (org.integration.edit)",
            description = "Starts an integration.sync job. A sync already queued or running for the integration is "
                    + "answered with that same job. A disabled integration, one without credentials, a provider "
                    + "without sync support, or a configuration that leaves nothing to call (jira without an enabled "
                    + "project) is 400.")
    @APIResponse(responseCode = "202", description = "The sync job; Location: /v1/jobs/{id}",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "200", description = "With Prefer: wait=N, the job finished within N seconds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "409", description = "The integration is brokered (its credentials are in its broker client), "
            + "or the Idempotency-Key was used with another request")
    public Uni<Response> sync(@RestPath("org_id") UUID org, @RestPath("integration_id") UUID id,
            @RestHeader("Prefer") @Parameter(description = JobResponses.PREFER_DESCRIPTION) String prefer,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key,
            UriInfo uri) {
        Caller caller = current.get();
        service.authorise(caller, org);
        return jobStarts.started(caller, key, uri, prefer, () -> service.start(caller, org, id));
    }
}
