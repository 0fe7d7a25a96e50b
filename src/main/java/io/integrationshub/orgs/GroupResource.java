package io.integrationshub.orgs;

import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.common.Ids;
import io.integrationshub.orgs.OrganisationViews.CreateGroup;
import io.integrationshub.orgs.OrganisationViews.GroupView;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

@Path("/v1/groups")
@Authenticated
@Tag(name = "Groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {
    private final OrganisationService service;
    private final Idempotency idempotency;
    private final AccessControl access;
    private final SecurityIdentity identity;

    public GroupResource(OrganisationService service, Idempotency idempotency, AccessControl access,
            SecurityIdentity identity) {
        this.service = service;
        this.idempotency = idempotency;
        this.access = access;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Create a group (platform.admin)")
    @APIResponse(responseCode = "201", description = "Group created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupView.class)))
    public Uni<Response> create(@RestHeader("Idempotency-Key") @Parameter(description = "1..255 characters; replays the first response for 24 h") String key, CreateGroup body, UriInfo uri) {
        Caller caller = access.caller(identity);
        access.requirePlatformAdmin(caller);
        return idempotency.execute(caller, key, "POST", uri.getPath(), body, () -> service.createGroup(caller, body)
                .map(group -> Response.created(uri.getAbsolutePathBuilder().path(group.id().toString()).build())
                        .entity(group).build()));
    }

    @GET
    @Path("/{group_id}")
    @Operation(summary = "Get a group (platform.admin, or a member of one of its organisations)")
    public Uni<GroupView> get(@RestPath("group_id") String groupId) {
        return service.getGroup(access.caller(identity), Ids.pathId("group_id", groupId));
    }
}
