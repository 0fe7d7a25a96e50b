package io.integrationshub.projects;

import io.integrationshub.auth.Caller;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.error.ApiException;
import io.integrationshub.common.page.PageParams;
import io.integrationshub.common.web.BodyCheck;
import io.integrationshub.common.web.Responses;
import io.integrationshub.common.web.Versions;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.projects.ProjectViews.AddCollaborators;
import io.integrationshub.projects.ProjectViews.CollaboratorList;
import io.integrationshub.projects.ProjectViews.CollaboratorPage;
import io.integrationshub.projects.ProjectViews.CollaboratorView;
import io.integrationshub.projects.ProjectViews.UpdateCollaborator;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

@Path("/v1/projects/{project_id}/collaborators")
@Authenticated
@Tag(name = "Projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CollaboratorResource {
    private static final String MEMBER_ID = "A member id: the sub claim of the member's token";

    private final CollaboratorService service;
    private final Idempotency idempotency;
    private final CurrentCaller current;

    public CollaboratorResource(CollaboratorService service, Idempotency idempotency, CurrentCaller current) {
        this.service = service;
        this.idempotency = idempotency;
        this.current = current;
    }

    @GET
    @Operation(operationId = "listCollaborators", summary = "List the project's collaborators (org.project.read or any collaborator role)",
            description = "Each collaborator with their role and the profile last seen in their token.")
    @APIResponse(responseCode = "200", description = "A page of collaborators",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CollaboratorPage.class)))
    public Uni<CollaboratorPage> list(@RestPath("project_id") UUID id,
            @RestQuery @Parameter(description = "Only this role", schema = @Schema(enumeration = {"owner", "contributor", "viewer"})) String role,
            @BeanParam PageParams page) {
        if (role != null && CollaboratorRole.fromWireName(role).isEmpty()) {
            throw ApiException.badParameter("role", "must be one of " + CollaboratorRole.WIRE_NAMES);
        }
        Map<String, Object> filters = new HashMap<>();
        filters.put("role", role);
        return service.list(current.get(), id, role, page.toRequest("collaborators:" + id, filters))
                .map(p -> p.into(CollaboratorPage::new));
    }

    @POST
    @Operation(operationId = "addCollaborators", summary = "Add members as collaborators (org.project.edit or the owner role)",
            description = "All or none: when any member is already a collaborator, nothing is added (409 naming them). "
                    + "Profiles are copied from each member's last token claims seen by the service, if any.")
    @APIResponse(responseCode = "201", description = "The collaborators added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CollaboratorList.class)))
    @APIResponse(responseCode = "409", description = "A member is already a collaborator, or the Idempotency-Key was used with another request")
    public Uni<Response> add(@RestPath("project_id") UUID id,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key,
            AddCollaborators body, UriInfo uri) {
        BodyCheck.required(body);
        Caller caller = current.get();
        return idempotency.post(caller, key, uri, body, () -> service.add(caller, id, body)
                .map(added -> Responses.created(null, new CollaboratorList(added), null)));
    }

    @GET
    @Path("/{member_id}")
    @Operation(operationId = "getCollaborator", summary = "Get a collaborator (org.project.read or any collaborator role)",
            description = "The collaborator's role and profile.")
    @APIResponse(responseCode = "200", description = "The collaborator",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CollaboratorView.class)))
    public Uni<CollaboratorView> get(@RestPath("project_id") UUID projectId,
            @RestPath("member_id") @Parameter(description = MEMBER_ID) String memberId) {
        return service.get(current.get(), projectId, memberId);
    }

    @PATCH
    @Path("/{member_id}")
    @Operation(operationId = "updateCollaborator", summary = "Change a collaborator's role (org.project.edit or the owner role)",
            description = "Demoting the last owner is 409, also when two requests race. Collaborators carry no version "
                    + "and their responses no ETag: If-Match applies only as `*`; any entity tag is 412.")
    @APIResponse(responseCode = "200", description = "The collaborator",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CollaboratorView.class)))
    @APIResponse(responseCode = "409", description = "The collaborator is the project's last owner")
    public Uni<CollaboratorView> update(@RestPath("project_id") UUID projectId,
            @RestPath("member_id") @Parameter(description = MEMBER_ID) String memberId,
            @RestHeader("If-Match") @Parameter(description = Versions.UNVERSIONED_IF_MATCH) String ifMatch,
            UpdateCollaborator body) {
        BodyCheck.required(body);
        return service.changeRole(current.get(), projectId, memberId, ifMatch, body);
    }

    @DELETE
    @Path("/{member_id}")
    @Operation(operationId = "removeCollaborator", summary = "Remove a collaborator (org.project.edit or the owner role)",
            description = "Removing the last owner is 409, also when two owners remove each other at once. Collaborators "
                    + "carry no version and their responses no ETag: If-Match applies only as `*`; any entity tag is 412.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "409", description = "The collaborator is the project's last owner")
    public Uni<org.jboss.resteasy.reactive.RestResponse<Void>> remove(@RestPath("project_id") UUID projectId,
            @RestPath("member_id") @Parameter(description = MEMBER_ID) String memberId,
            @RestHeader("If-Match") @Parameter(description = Versions.UNVERSIONED_IF_MATCH) String ifMatch) {
        return service.remove(current.get(), projectId, memberId, ifMatch)
                .map(v -> org.jboss.resteasy.reactive.RestResponse.noContent());
    }
}
