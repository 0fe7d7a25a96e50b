package io.integrationshub.jobs;

import io.integrationshub.jobs.api.JobView;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.error.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

@Path("/v1/jobs")
@Authenticated
@Tag(name = "Jobs", description = "Asynchronous operations (API.md 6): sync, broker token switch, project disconnect, notification delivery")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    private static final String PROBLEM = "application/problem+json";

    private final JobService service;
    private final CurrentCaller current;

    public JobResource(JobService service, CurrentCaller current) {
        this.service = service;
        this.current = current;
    }

    @GET
    @Path("/{job_id}")
    @Operation(operationId = "getJob", summary = "Get a job (read permission on its target: org.integration.read for integration.sync and "
            + "broker.switch_token, org.project.read for project.disconnect and notification.deliver)",
            description = "The job's type, target, status and outcome.")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "job_id is not a UUID", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A role in the job's organisation without the read permission", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such job, or no role in its organisation", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<JobView> get(@RestPath("job_id") UUID jobId) {
        return service.get(current.get(), jobId);
    }

    @POST
    @Path("/{job_id}/cancel")
    @Operation(operationId = "cancelJob", summary = "Cancel a job (edit permission on its target: org.integration.edit for integration.sync and "
            + "broker.switch_token, org.project.edit for project.disconnect and notification.deliver)",
            description = "A queued job is cancelled at once (200). A running job is asked to stop (202): its worker "
                    + "notices within a third of the lease (20 s by default) and the job ends cancelled, unless it "
                    + "finishes first. A finished job cannot be cancelled (409).")
    @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "202", description = "Running: cancellation requested; poll the job", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "job_id is not a UUID", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A role in the job's organisation without the edit permission", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such job, or no role in its organisation", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The job has already finished", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JobView>> cancel(@RestPath("job_id") UUID jobId) {
        return service.cancel(current.get(), jobId)
                .map(result -> result.immediate() ? RestResponse.ok(result.job())
                        : RestResponse.ResponseBuilder.<JobView>accepted().entity(result.job())
                                .location(java.net.URI.create("/v1/jobs/" + result.job().id())).build());
    }
}
