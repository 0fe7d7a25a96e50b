package io.integrationshub.apitokens;

import io.integrationshub.apitokens.ApiTokenViews.ApiTokenPage;
import io.integrationshub.apitokens.ApiTokenViews.ApiTokenView;
import io.integrationshub.apitokens.ApiTokenViews.CreateApiToken;
import io.integrationshub.apitokens.ApiTokenViews.CreatedApiToken;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.idempotency.Idempotency;
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
import java.util.UUID;

@Path("/v1/orgs/{org_id}/api-tokens")
@Authenticated
@Tag(name = "API tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiTokenResource {
    private final ApiTokenService service;
    private final Idempotency idempotency;
    private final AccessControl access;
    private final SecurityIdentity identity;

    public ApiTokenResource(ApiTokenService service, Idempotency idempotency, AccessControl access,
            SecurityIdentity identity) {
        this.service = service;
        this.idempotency = idempotency;
        this.access = access;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Create an API token (org.manage; not with an API token). The token is shown once.",
            description = "The token may carry at most the permissions its creator holds (else 403). A replay "
                    + "with the same Idempotency-Key returns the same token.")
    @APIResponse(responseCode = "201", description = "Token created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedApiToken.class)))
    public Uni<Response> create(@RestPath("org_id") String orgId, @RestHeader("Idempotency-Key") @Parameter(description = "1..255 characters; replays the first response for 24 h") String key, CreateApiToken body,
            UriInfo uri) {
        UUID org = Ids.pathId("org_id", orgId);
        Caller caller = access.caller(identity);
        service.authorise(caller, org);
        return idempotency.execute(caller, key, "POST", uri.getPath(), body, () -> service.create(caller, org, body)
                .map(t -> Response.created(uri.getAbsolutePathBuilder().path(t.id().toString()).build())
                        .entity(t).header("Cache-Control", "no-store").build()));
    }

    @GET
    @Path("/{token_id}")
    @Operation(summary = "Get an API token (org.manage); the secret is never returned")
    public Uni<ApiTokenView> get(@RestPath("org_id") String orgId, @RestPath("token_id") String tokenId) {
        return service.get(access.caller(identity), Ids.pathId("org_id", orgId), Ids.pathId("token_id", tokenId));
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
