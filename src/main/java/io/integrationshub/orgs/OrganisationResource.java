package io.integrationshub.orgs;

import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.common.web.Versions;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.common.Ids;
import io.integrationshub.common.page.PageParams;
import io.integrationshub.common.web.Responses;
import io.integrationshub.orgs.OrganisationViews.CreateOrganisation;
import io.integrationshub.orgs.OrganisationViews.OrganisationPage;
import io.integrationshub.orgs.OrganisationViews.OrganisationView;
import io.integrationshub.orgs.OrganisationViews.UpdateOrganisation;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Map;

@Path("/v1/orgs")
@Authenticated
@Tag(name = "Organisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganisationResource {
    private final OrganisationService service;
    private final Idempotency idempotency;
    private final AccessControl access;
    private final SecurityIdentity identity;

    public OrganisationResource(OrganisationService service, Idempotency idempotency, AccessControl access,
            SecurityIdentity identity) {
        this.service = service;
        this.idempotency = idempotency;
        this.access = access;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Create an organisation in a group (platform.admin)")
    @APIResponse(responseCode = "201", description = "Organisation created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganisationView.class)))
    public Uni<Response> create(@RestHeader("Idempotency-Key") @Parameter(description = "1..255 characters; replays the first response for 24 h") String key, CreateOrganisation body, UriInfo uri) {
        Caller caller = access.caller(identity);
        access.requirePlatformAdmin(caller);
        return idempotency.execute(caller, key, "POST", uri.getPath(), body, () -> service.createOrganisation(caller, body)
                .map(org -> Response.created(uri.getAbsolutePathBuilder().path(org.id().toString()).build())
                        .entity(org).header("ETag", Versions.etag(org.version())).build()));
    }

    @GET
    @Operation(summary = "List the organisations the caller holds a role in")
    public Uni<OrganisationPage> list(@BeanParam PageParams page) {
        return service.listOrganisations(access.caller(identity), page.toRequest("orgs", Map.of()))
                .map(p -> p.into(OrganisationPage::new));
    }

    @GET
    @Path("/{org_id}")
    @Operation(summary = "Get an organisation (org.read)")
    public Uni<RestResponse<OrganisationView>> get(@RestPath("org_id") String orgId) {
        return service.getOrganisation(access.caller(identity), Ids.pathId("org_id", orgId))
                .map(OrganisationResource::withEtag);
    }

    @PATCH
    @Path("/{org_id}")
    @Operation(summary = "Update an organisation's name or profile (org.manage)")
    public Uni<RestResponse<OrganisationView>> update(@RestPath("org_id") String orgId,
            @RestHeader("If-Match") String ifMatch, UpdateOrganisation body) {
        return service.updateOrganisation(access.caller(identity), Ids.pathId("org_id", orgId), ifMatch, body)
                .map(OrganisationResource::withEtag);
    }

    static RestResponse<OrganisationView> withEtag(OrganisationView org) {
        return Responses.ok(org, org.version());
    }
}
