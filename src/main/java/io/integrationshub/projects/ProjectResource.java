package io.integrationshub.projects;

import io.integrationshub.auth.Caller;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.web.BodyCheck;
import io.integrationshub.common.web.JobStarts;
import io.integrationshub.common.web.Responses;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.jobs.api.JobResponses;
import io.integrationshub.jobs.api.JobView;
import io.integrationshub.projects.ProjectViews.ProjectView;
import io.integrationshub.projects.ProjectViews.ProjectWrite;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

@Path("/v1/projects/{project_id}")
@Authenticated
@Tag(name = "Projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {
    private static final String RIGHTS = " Rights combine the organisation role (org.project.read, org.project.edit) and the "
            + "caller's collaborator role on the project; the stronger wins.";

    private final ProjectService service;
    private final CurrentCaller current;
    private final JobStarts jobStarts;

    public ProjectResource(ProjectService service, CurrentCaller current, JobStarts jobStarts) {
        this.service = service;
        this.current = current;
        this.jobStarts = jobStarts;
    }

    @GET
    @Operation(operationId = "getProject", summary = "Get a project (org.project.read or any collaborator role)",
            description = "A project of an organisation the caller has no role in and does not collaborate on is 404." + RIGHTS)
    @APIResponse(responseCode = "200", description = "The project; ETag is set",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    public Uni<RestResponse<ProjectView>> get(@RestPath("project_id") UUID projectId) {
        return service.get(current.get(), projectId).map(Responses::ok);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceProject", summary = "Replace the project (org.project.edit, or the contributor or owner role)",
            description = "The whole project: optional fields left out become null." + RIGHTS)
    @APIResponse(responseCode = "200", description = "The project; ETag is set",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    public Uni<RestResponse<ProjectView>> replace(@RestPath("project_id") UUID projectId,
            @RestHeader("If-Match") String ifMatch, ProjectWrite body) {
        BodyCheck.required(body);
        return service.replace(current.get(), projectId, ifMatch, body)
                .map(Responses::ok);
    }

    @DELETE
    @Operation(operationId = "deleteProject", summary = "Delete the project (org.project.edit, or the contributor or owner role)",
            description = "Deletes its collaborators, notification integrations and deliveries, and its queued jobs." + RIGHTS)
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<RestResponse<Void>> delete(@RestPath("project_id") UUID projectId, @RestHeader("If-Match") String ifMatch) {
        return service.delete(current.get(), projectId, ifMatch)
                .map(v -> RestResponse.noContent());
    }

    @POST
    @Path("/connect")
    @Operation(operationId = "connectProject", summary = "Connect the project to its cloud provider (org.project.edit, or the contributor or owner role)",
            description = "A connected project stays connected (200, unchanged). While a project.disconnect job is queued "
                    + "or running for it: 409." + RIGHTS)
    @APIResponse(responseCode = "200", description = "The project, connected; ETag is set",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "409", description = "The project is disconnecting")
    public Uni<RestResponse<ProjectView>> connect(@RestPath("project_id") UUID projectId) {
        return service.connect(current.get(), projectId)
                .map(Responses::ok);
    }

    @POST
    @Path("/disconnect")
    @Operation(operationId = "disconnectProject", summary = "Disconnect the project from its cloud provider (org.project.edit, or the contributor or owner role)",
            description = "Marks the project disconnecting and starts a project.disconnect job, which marks it disconnected. "
                    + "Already disconnected or disconnecting: 409." + RIGHTS)
    @APIResponse(responseCode = "202", description = "The project.disconnect job; Location: /v1/jobs/{id}",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "200", description = "With Prefer: wait=N, the job finished within N seconds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "409", description = "Already disconnected or disconnecting, or the Idempotency-Key was used with another request")
    public Uni<Response> disconnect(@RestPath("project_id") UUID id,
            @RestHeader("Prefer") @Parameter(description = JobResponses.PREFER_DESCRIPTION) String prefer,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key,
            UriInfo uri) {
        Caller caller = current.get();
        return jobStarts.started(caller, key, uri, prefer, () -> service.disconnect(caller, id));
    }
}
