package io.integrationshub.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.common.Ids;
import io.integrationshub.common.error.ApiException;
import io.integrationshub.common.page.PageParams;
import io.integrationshub.common.web.BodyCheck;
import io.integrationshub.common.web.Responses;
import io.integrationshub.common.web.Versions;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.integrations.IntegrationViews.ClonedView;
import io.integrationshub.integrations.IntegrationViews.CloneIntegration;
import io.integrationshub.integrations.IntegrationViews.ConfigurationView;
import io.integrationshub.integrations.IntegrationViews.CreateIntegration;
import io.integrationshub.integrations.IntegrationViews.IntegrationPage;
import io.integrationshub.integrations.IntegrationViews.IntegrationView;
import io.integrationshub.integrations.IntegrationViews.ReplaceConfiguration;
import io.integrationshub.integrations.IntegrationViews.ReplaceCredentials;
import io.integrationshub.integrations.IntegrationViews.ResourcePage;
import io.integrationshub.integrations.IntegrationViews.SettingsView;
import io.integrationshub.providers.ProviderRegistry;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.jboss.resteasy.reactive.RestResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

@Path("/v1/orgs/{org_id}/integrations")
@Authenticated
@Tag(name = "Integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IntegrationResource {
    private final IntegrationService service;
    private final ProviderRegistry providers;
    private final Idempotency idempotency;
    private final AccessControl access;
    private final SecurityIdentity identity;

    public IntegrationResource(IntegrationService service, ProviderRegistry providers, Idempotency idempotency,
            AccessControl access, SecurityIdentity identity) {
        this.service = service;
        this.providers = providers;
        this.idempotency = idempotency;
        this.access = access;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Create an integration (org.integration.edit)",
            description = "Configuration, credentials and settings are validated against the provider's schemas; "
                    + "settings defaults fill the rest. Credentials are required unless broker.enabled is true, and never "
                    + "returned. A brokered integration (providers with supports_broker only, else 400) takes no "
                    + "credentials: it starts a broker group and the response holds its broker_token, shown this once.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag are set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntegrationViews.CreatedView.class)))
    @APIResponse(responseCode = "409", description = "An integration of this provider with this profile_name exists, or the Idempotency-Key was used with another request")
    public Uni<Response> create(@RestPath("org_id") String orgId,
            @RestHeader("Idempotency-Key") @Parameter(description = "1..255 characters; replays the first response for 24 h") String key,
            CreateIntegration body, UriInfo uri) {
        UUID org = Ids.pathId("org_id", orgId);
        Caller caller = access.caller(identity);
        access.require(caller, org, Permission.ORG_INTEGRATION_EDIT);
        return idempotency.execute(caller, key, "POST", uri.getPath(), body, () -> service.create(caller, org, body)
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                        .entity(created).header("ETag", Versions.etag(created.version())).build()));
    }

    @GET
    @Operation(summary = "List integrations (org.integration.read)")
    public Uni<IntegrationPage> list(@RestPath("org_id") String orgId,
            @RestQuery @Parameter(description = "Only this provider") String provider,
            @RestQuery @Parameter(description = "true or false", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.BOOLEAN)) String enabled,
            @BeanParam PageParams page) {
        UUID org = Ids.pathId("org_id", orgId);
        // Whether the organisation exists for the caller comes before what is wrong with the query.
        access.require(access.caller(identity), org, Permission.ORG_INTEGRATION_READ);
        if (provider != null && providers.find(provider).isEmpty()) {
            throw ApiException.badParameter("provider", "is not a known provider");
        }
        Boolean enabledFilter = parseBoolean("enabled", enabled);
        Map<String, Object> filters = new HashMap<>();
        filters.put("provider", provider);
        filters.put("enabled", enabledFilter);
        return service.list(access.caller(identity), org, provider, enabledFilter, page.toRequest("integrations:" + org, filters))
                .map(p -> p.into(IntegrationPage::new));
    }

    @GET
    @Path("/{integration_id}")
    @Operation(summary = "Get an integration (org.integration.read)")
    public Uni<RestResponse<IntegrationView>> get(@RestPath("org_id") String orgId,
            @RestPath("integration_id") String integrationId) {
        return service.get(access.caller(identity), Ids.pathId("org_id", orgId), Ids.pathId("integration_id", integrationId))
                .map(i -> Responses.ok(i, i.version()));
    }

    @PATCH
    @Path("/{integration_id}")
    @Operation(summary = "Update profile_name, item_type, enabled or configuration (org.integration.edit)",
            description = "Only the fields given change; configuration given is replaced whole and validated; provider is immutable (400).")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = IntegrationViews.UpdateIntegration.class)))
    @APIResponse(responseCode = "409", description = "The new profile_name is taken")
    public Uni<RestResponse<IntegrationView>> update(@RestPath("org_id") String orgId,
            @RestPath("integration_id") String integrationId, @RestHeader("If-Match") String ifMatch, ObjectNode body) {
        return service.update(access.caller(identity), Ids.pathId("org_id", orgId),
                        Ids.pathId("integration_id", integrationId), ifMatch, body)
                .map(i -> Responses.ok(i, i.version()));
    }

    @DELETE
    @Path("/{integration_id}")
    @Operation(summary = "Delete an integration with its resources and pending jobs (org.integration.edit)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The integration is brokered")
    public Uni<RestResponse<Void>> delete(@RestPath("org_id") String orgId,
            @RestPath("integration_id") String integrationId, @RestHeader("If-Match") String ifMatch) {
        return service.delete(access.caller(identity), Ids.pathId("org_id", orgId), Ids.pathId("integration_id", integrationId),
                ifMatch).map(v -> RestResponse.noContent());
    }

    @PUT
    @Path("/{integration_id}/configuration")
    @Operation(summary = "Replace the configuration (org.integration.edit)")
    public Uni<RestResponse<ConfigurationView>> replaceConfiguration(@RestPath("org_id") String orgId,
            @RestPath("integration_id") String integrationId, @RestHeader("If-Match") String ifMatch,
            ReplaceConfiguration body) {
        BodyCheck.of(body);
        return service.replaceConfiguration(access.caller(identity), Ids.pathId("org_id", orgId),
                        Ids.pathId("integration_id", integrationId), ifMatch, body.configuration())
                .map(c -> Responses.ok(c, c.version()));
    }

    @GET
    @Path("/{integration_id}/settings")
    @Operation(summary = "Get the settings, defaults included (org.integration.read)")
    public Uni<RestResponse<SettingsView>> getSettings(@RestPath("org_id") String orgId,
            @RestPath("integration_id") String integrationId) {
        return service.getSettings(access.caller(identity), Ids.pathId("org_id", orgId), Ids.pathId("integration_id", integrationId))
                .map(i -> Responses.ok(IntegrationService.settingsView(i), i.version));
    }

    @PATCH
    @Path("/{integration_id}/settings")
    @Operation(summary = "Merge settings (org.integration.edit)",
            description = "Top-level keys given replace theirs; the result is validated. The body is the settings object, "
                    + "or {\"settings\": {...}}.")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
    public Uni<RestResponse<SettingsView>> mergeSettings(@RestPath("org_id") String orgId,
            @RestPath("integration_id") String integrationId, @RestHeader("If-Match") String ifMatch, JsonNode body) {
        return service.mergeSettings(access.caller(identity), Ids.pathId("org_id", orgId),
                        Ids.pathId("integration_id", integrationId), ifMatch, body)
                .map(i -> Responses.ok(IntegrationService.settingsView(i), i.version));
    }

    @PUT
    @Path("/{integration_id}/credentials")
    @Operation(summary = "Replace the credentials (org.integration.edit); values are never returned")
    @APIResponse(responseCode = "409", description = "The integration is brokered")
    public Uni<RestResponse<IntegrationView>> replaceCredentials(@RestPath("org_id") String orgId,
            @RestPath("integration_id") String integrationId, @RestHeader("If-Match") String ifMatch,
            ReplaceCredentials body) {
        BodyCheck.of(body);
        return service.replaceCredentials(access.caller(identity), Ids.pathId("org_id", orgId),
                        Ids.pathId("integration_id", integrationId), ifMatch, body.credentials())
                .map(i -> Responses.ok(i, i.version()));
    }

    @DELETE
    @Path("/{integration_id}/credentials")
    @Operation(summary = "Erase the credentials (org.integration.edit); no effect on a brokered integration")
    @APIResponse(responseCode = "204", description = "Erased")
    public Uni<RestResponse<Void>> deleteCredentials(@RestPath("org_id") String orgId,
            @RestPath("integration_id") String integrationId, @RestHeader("If-Match") String ifMatch) {
        return service.deleteCredentials(access.caller(identity), Ids.pathId("org_id", orgId),
                Ids.pathId("integration_id", integrationId), ifMatch).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("/{integration_id}/clone")
    @Operation(summary = "Clone into another organisation of the same group (org.integration.edit in both)",
            description = "Settings and credentials are copied; a brokered integration's clone joins its broker group "
                    + "and shares its token. A destination outside the group is 400.")
    @APIResponse(responseCode = "201", description = "Cloned",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClonedView.class)))
    @APIResponse(responseCode = "409", description = "The destination has an integration of this provider with this profile_name, or the Idempotency-Key was used with another request")
    public Uni<Response> cloneIntegration(@RestPath("org_id") String orgId, @RestPath("integration_id") String integrationId,
            @RestHeader("Idempotency-Key") @Parameter(description = "1..255 characters; replays the first response for 24 h") String key,
            CloneIntegration body, UriInfo uri) {
        UUID org = Ids.pathId("org_id", orgId);
        UUID id = Ids.pathId("integration_id", integrationId);
        BodyCheck.of(body);
        Caller caller = access.caller(identity);
        access.require(caller, org, Permission.ORG_INTEGRATION_EDIT);
        return idempotency.execute(caller, key, "POST", uri.getPath(), body,
                () -> service.cloneInto(caller, org, id, body.destinationOrgId())
                        .map(copy -> Response.created(uri.getBaseUriBuilder().path("v1/orgs/{org}/integrations/{id}")
                                        .build(copy.organisationId(), copy.id()))
                                .entity(new ClonedView(copy.id(), copy)).header("ETag", Versions.etag(copy.version()))
                                .build()));
    }

    @GET
    @Path("/{integration_id}/resources")
    @Operation(summary = "List what syncs found at the provider (org.integration.read)")
    public Uni<ResourcePage> resources(@RestPath("org_id") String orgId, @RestPath("integration_id") String integrationId,
            @RestQuery @Parameter(description = "Only this kind, e.g. repository") String kind, @BeanParam PageParams page) {
        UUID org = Ids.pathId("org_id", orgId);
        UUID id = Ids.pathId("integration_id", integrationId);
        Map<String, Object> filters = new HashMap<>();
        filters.put("kind", kind);
        return service.listResources(access.caller(identity), org, id, kind, page.toRequest("resources:" + id, filters))
                .map(p -> p.into(ResourcePage::new));
    }

    static Boolean parseBoolean(String parameter, String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.badParameter(parameter, "must be true or false");
        };
    }
}
