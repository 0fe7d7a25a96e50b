package io.integrationshub.apitokens;

import io.integrationshub.apitokens.ApiTokenViews.ApiTokenPage;
import io.integrationshub.apitokens.ApiTokenViews.CreateApiToken;
import io.integrationshub.apitokens.ApiTokenViews.CreatedApiToken;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.common.Ids;
import io.integrationshub.common.page.PageParams;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import java.util.Map;

@Path("/v1/orgs/{org_id}/api-tokens")
@Authenticated
@Tag(name = "API tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiTokenResource {
    private final ApiTokenService service;
    private final AccessControl access;
    private final SecurityIdentity identity;

    public ApiTokenResource(ApiTokenService service, AccessControl access, SecurityIdentity identity) {
        this.service = service;
        this.access = access;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Create an API token (org.manage; not with an API token). The token is shown once.")
    @APIResponse(responseCode = "201", description = "Token created")
    public Uni<RestResponse<CreatedApiToken>> create(@RestPath("org_id") String orgId, CreateApiToken body, UriInfo uri) {
        return service.create(access.caller(identity), Ids.pathId("org_id", orgId), body)
                .map(t -> RestResponse.ResponseBuilder.<CreatedApiToken>created(uri.getAbsolutePathBuilder().path(t.id().toString()).build())
                        .entity(t).header("Cache-Control", "no-store").build());
    }

    @GET
    @Operation(summary = "List API tokens (org.manage); secrets are never returned")
    public Uni<ApiTokenPage> list(@RestPath("org_id") String orgId, @BeanParam PageParams page) {
        var org = Ids.pathId("org_id", orgId);
        return service.list(access.caller(identity), org, page.toRequest("api-tokens:" + org, Map.of()))
                .map(p -> p.into(ApiTokenPage::new));
    }

    @DELETE
    @Path("/{token_id}")
    @Operation(summary = "Revoke an API token (org.manage); it is refused from then on")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Uni<RestResponse<Void>> revoke(@RestPath("org_id") String orgId, @RestPath("token_id") String tokenId) {
        return service.revoke(access.caller(identity), Ids.pathId("org_id", orgId), Ids.pathId("token_id", tokenId))
                .map(v -> RestResponse.noContent());
    }
}
