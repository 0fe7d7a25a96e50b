package io.integrationshub.orgs;

import io.integrationshub.auth.Caller;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.web.Responses;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.orgs.OrganisationViews.CreateGroup;
import io.integrationshub.orgs.OrganisationViews.GroupView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
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

import java.util.UUID;

@Path("/v1/groups")
@Authenticated
@Tag(name = "Groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {
    private final OrganisationService service;
    private final Idempotency idempotency;
    private final CurrentCaller current;

    public GroupResource(OrganisationService service, Idempotency idempotency, CurrentCaller current) {
        this.service = service;
        this.idempotency = idempotency;
        this.current = current;
    }

    @POST
    @Operation(operationId = "createGroup", summary = "Create a group (platform.admin)",
            description = "A group holds organisations; integrations are cloned only between organisations of one group.")
    @APIResponse(responseCode = "201", description = "Group created",
            headers = @Header(name = "Location", description = "The created resource", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupView.class)))
    public Uni<Response> create(@RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key, CreateGroup body, UriInfo uri) {
        Caller caller = current.get();
        service.authoriseAdministration(caller);
        return idempotency.post(caller, key, uri, body, () -> service.createGroup(caller, body)
                .map(group -> Responses.created(uri, group.id(), group, null)));
    }

    @GET
    @Path("/{group_id}")
    @Operation(operationId = "getGroup", summary = "Get a group (platform.admin, or a member of one of its organisations)",
            description = "The group's name and creation time.")
    @APIResponse(responseCode = "200", description = "The group",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupView.class)))
    public Uni<GroupView> get(@RestPath("group_id") UUID groupId) {
        return service.getGroup(current.get(), groupId);
    }
}
