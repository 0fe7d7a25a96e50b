package io.integrationshub.apitokens;

import io.integrationshub.apitokens.ApiTokenViews.ApiTokenPage;
import io.integrationshub.apitokens.ApiTokenViews.ApiTokenView;
import io.integrationshub.apitokens.ApiTokenViews.CreateApiToken;
import io.integrationshub.apitokens.ApiTokenViews.CreatedApiToken;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.page.PageParams;
import io.integrationshub.common.web.Responses;
import io.integrationshub.common.web.Versions;
import io.integrationshub.idempotency.Idempotency;
import io.quarkus.security.Authenticated;
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
    private final CurrentCaller current;

    public ApiTokenResource(ApiTokenService service, Idempotency idempotency, CurrentCaller current) {
        this.service = service;
        this.idempotency = idempotency;
        this.current = current;
    }

    @POST
    @Operation(operationId = "createApiToken", summary = "Create an API token (org.manage; not with an API token). The token is shown once.",
            description = "The token may carry at most the permissions its creator holds (else 403). A replay "
                    + "with the same Idempotency-Key returns the same token.")
    @APIResponse(responseCode = "201", description = "Token created",
            headers = @Header(name = "Location", description = "The created resource", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedApiToken.class)))
    public Uni<Response> create(@RestPath("org_id") UUID org, @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key, CreateApiToken body,
            UriInfo uri) {
        Caller caller = current.get();
        service.authorise(caller, org);
        return idempotency.post(caller, key, uri, body, () -> service.create(caller, org, body)
                .map(t -> Responses.noStore(Responses.created(uri, t.id(), t, null))));
    }

    @GET
    @Path("/{token_id}")
    @Operation(operationId = "getApiToken", summary = "Get an API token (org.manage); the secret is never returned",
            description = "The token's name, role or permissions, expiry and last use.")
    @APIResponse(responseCode = "200", description = "The API token, without its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiTokenView.class)))
    public Uni<ApiTokenView> get(@RestPath("org_id") UUID orgId, @RestPath("token_id") UUID tokenId) {
        return service.get(current.get(), orgId, tokenId);
    }

    @GET
    @Operation(operationId = "listApiTokens", summary = "List API tokens (org.manage); secrets are never returned",
            description = "The organisation's API tokens; secrets are never returned.")
    @APIResponse(responseCode = "200", description = "A page of API tokens",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiTokenPage.class)))
    public Uni<ApiTokenPage> list(@RestPath("org_id") UUID org, @BeanParam PageParams page) {
        return service.list(current.get(), org, page.toRequest("api-tokens:" + org, Map.of()))
                .map(p -> p.into(ApiTokenPage::new));
    }

    @DELETE
    @Path("/{token_id}")
    @Operation(operationId = "revokeApiToken", summary = "Revoke an API token (org.manage); it is refused from then on",
            description = "A revoked token is refused at once afterwards. API tokens carry no version and their "
                    + "responses no ETag: If-Match applies only as `*`; any entity tag is 412.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Uni<RestResponse<Void>> revoke(@RestPath("org_id") UUID orgId, @RestPath("token_id") UUID tokenId,
            @RestHeader("If-Match") @Parameter(description = Versions.UNVERSIONED_IF_MATCH) String ifMatch) {
        return service.revoke(current.get(), orgId, tokenId, ifMatch)
                .map(v -> RestResponse.noContent());
    }
}
