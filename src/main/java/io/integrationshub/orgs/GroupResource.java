package io.integrationshub.orgs;

import io.integrationshub.auth.AccessControl;
import io.integrationshub.common.Ids;
import io.integrationshub.common.web.Responses;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/groups")
@Authenticated
@Tag(name = "Groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {
    private final OrganisationService service;
    private final AccessControl access;
    private final SecurityIdentity identity;

    public GroupResource(OrganisationService service, AccessControl access, SecurityIdentity identity) {
        this.service = service;
        this.access = access;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Create a group (platform.admin)")
    @APIResponse(responseCode = "201", description = "Group created")
    public Uni<RestResponse<GroupView>> create(CreateGroup body, UriInfo uri) {
        return service.createGroup(access.caller(identity), body)
                .map(group -> Responses.created(uri, group.id().toString(), group));
    }

    @GET
    @Path("/{group_id}")
    @Operation(summary = "Get a group (platform.admin, or a member of one of its organisations)")
    public Uni<GroupView> get(@RestPath("group_id") String groupId) {
        return service.getGroup(access.caller(identity), Ids.pathId("group_id", groupId));
    }
}
