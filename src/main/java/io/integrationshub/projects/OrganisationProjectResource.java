package io.integrationshub.projects;

import io.integrationshub.auth.Caller;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.page.PageParams;
import io.integrationshub.common.web.BodyCheck;
import io.integrationshub.common.web.Responses;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.projects.ProjectViews.ProjectPage;
import io.integrationshub.projects.ProjectViews.ProjectView;
import io.integrationshub.projects.ProjectViews.ProjectWrite;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

import java.util.Map;
import java.util.UUID;

@Path("/v1/orgs/{org_id}/projects")
@Authenticated
@Tag(name = "Projects", description = "Projects, their collaborators and cloud connection (API.md 9)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganisationProjectResource {
    private final ProjectService service;
    private final Idempotency idempotency;
    private final CurrentCaller current;

    public OrganisationProjectResource(ProjectService service, Idempotency idempotency, CurrentCaller current) {
        this.service = service;
        this.idempotency = idempotency;
        this.current = current;
    }

    @POST
    @Operation(operationId = "createProject", summary = "Create a project (org.project.edit)",
            description = "The calling user becomes the project's owner collaborator in the same transaction "
                    + "(an API token creates a project without collaborators). A new project is disconnected.")
    @APIResponse(responseCode = "201", description = "Created; Location (/v1/projects/{id}) and ETag are set",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    public Uni<Response> create(@RestPath("org_id") UUID org,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key,
            ProjectWrite body, UriInfo uri) {
        Caller caller = current.get();
        service.authoriseCreate(caller, org);
        BodyCheck.required(body);
        return idempotency.post(caller, key, uri, body, () -> service.create(caller, org, body)
                .map(created -> Responses.created(uri.getBaseUriBuilder().path("v1/projects/{id}").build(created.id()),
                        created, created.version())));
    }

    @GET
    @Operation(operationId = "listProjects", summary = "List projects (org.project.read: all of them; otherwise the ones the caller collaborates on)",
            description = "A caller with no role in the organisation and no collaboration on any of its projects gets 404.")
    @APIResponse(responseCode = "200", description = "A page of projects",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectPage.class)))
    public Uni<ProjectPage> list(@RestPath("org_id") UUID org, @BeanParam PageParams page) {
        Caller caller = current.get();
        // Whether the caller sees all projects or their own binds the cursor too.
        return service.list(caller, org, page.toRequest("projects:" + org, Map.of("scope", service.listScope(caller, org))))
                .map(p -> p.into(ProjectPage::new));
    }
}
