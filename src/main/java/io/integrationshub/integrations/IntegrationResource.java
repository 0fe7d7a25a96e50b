package io.integrationshub.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.domain.Invalid;
import io.integrationshub.common.error.ApiException;
import io.integrationshub.common.page.PageParams;
import io.integrationshub.common.web.BodyCheck;
import io.integrationshub.common.web.Responses;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.integrations.IntegrationViews.CloneIntegration;
import io.integrationshub.integrations.IntegrationViews.ClonedView;
import io.integrationshub.integrations.IntegrationViews.ConfigurationView;
import io.integrationshub.integrations.IntegrationViews.CreateIntegration;
import io.integrationshub.integrations.IntegrationViews.IntegrationPage;
import io.integrationshub.integrations.IntegrationViews.IntegrationView;
import io.integrationshub.integrations.IntegrationViews.ReplaceConfiguration;
import io.integrationshub.integrations.IntegrationViews.ReplaceCredentials;
import io.integrationshub.integrations.IntegrationViews.SyncedResourcePage;
import io.integrationshub.integrations.IntegrationViews.SettingsView;
import io.integrationshub.providers.ProviderRegistry;
import io.quarkus.security.Authenticated;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
    private final IntegrationCredentialService credentials;
    private final IntegrationCloneService clones;
    private final ProviderRegistry providers;
    private final Idempotency idempotency;
    private final CurrentCaller current;

    public IntegrationResource(IntegrationService service, IntegrationCredentialService credentials,
            IntegrationCloneService clones, ProviderRegistry providers, Idempotency idempotency, CurrentCaller current) {
        this.service = service;
        this.credentials = credentials;
        this.clones = clones;
        this.providers = providers;
        this.idempotency = idempotency;
        this.current = current;
    }

    @POST
    @Operation(operationId = "createIntegration", summary = "Create an integration (org.integration.edit)",
            description = "Configuration, credentials and settings are validated against the provider's schemas; "
                    + "settings defaults fill the rest. Credentials are required unless broker.enabled is true, and never "
                    + "returned. A brokered integration (providers with supports_broker only, else 400) takes no "
                    + "credentials: it starts a broker group and the response holds its broker_token, shown this once.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag are set",
            headers = {@Header(name = "Location", description = "The created resource", schema = @Schema(type = SchemaType.STRING)), @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntegrationViews.CreatedView.class)))
    @APIResponse(responseCode = "409", description = "An integration of this provider with this profile_name exists, or the Idempotency-Key was used with another request")
    public Uni<Response> create(@RestPath("org_id") UUID org,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key,
            CreateIntegration body, UriInfo uri) {
        Caller caller = current.get();
        service.authorise(caller, org, true);
        return idempotency.post(caller, key, uri, body, () -> service.create(caller, org, body)
                .map(created -> Responses.noStoreIf(created.brokerToken() != null,
                        Responses.created(uri, created.id(), created, created.version()))));
    }

    @GET
    @Operation(operationId = "listIntegrations", summary = "List integrations (org.integration.read)",
            description = "The organisation's integrations, oldest first by default, filtered by provider and enabled. Credentials are never returned.")
    @APIResponse(responseCode = "200", description = "A page of integrations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntegrationPage.class)))
    public Uni<IntegrationPage> list(@RestPath("org_id") UUID org,
            @RestQuery @Parameter(description = "Only this provider") String provider,
            @RestQuery @Parameter(description = "true or false", schema = @Schema(type = SchemaType.BOOLEAN)) String enabled,
            @BeanParam PageParams page) {
        // Whether the organisation exists for the caller comes before what is wrong with the query.
        service.authorise(current.get(), org, false);
        if (provider != null && providers.find(provider).isEmpty()) {
            throw ApiException.badParameter("provider", "is not a known provider");
        }
        Boolean enabledFilter = parseBoolean("enabled", enabled);
        Map<String, Object> filters = new HashMap<>();
        filters.put("provider", provider);
        filters.put("enabled", enabledFilter);
        return service.list(current.get(), org, provider, enabledFilter, page.toRequest("integrations:" + org, filters))
                .map(p -> p.into(IntegrationPage::new));
    }

    @GET
    @Path("/{integration_id}")
    @Operation(operationId = "getIntegration", summary = "Get an integration (org.integration.read)",
            description = "Configuration, settings, status and the sync schedule; credentials are never returned, only which fields are set.")
    @APIResponse(responseCode = "200", description = "The integration",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntegrationView.class)))
    public Uni<RestResponse<IntegrationView>> get(@RestPath("org_id") UUID orgId,
            @RestPath("integration_id") UUID integrationId) {
        return service.get(current.get(), orgId, integrationId)
                .map(Responses::ok);
    }

    @PATCH
    @Path("/{integration_id}")
    @Operation(operationId = "updateIntegration", summary = "Update profile_name, item_type, enabled or configuration (org.integration.edit)",
            description = "Only the fields given change; configuration given is replaced whole and validated; provider is immutable (400).")
    @RequestBody(content = @Content(schema = @Schema(implementation = IntegrationViews.UpdateIntegration.class)))
    @APIResponse(responseCode = "409", description = "The new profile_name is taken")
    @APIResponse(responseCode = "200", description = "The updated integration",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntegrationView.class)))
    public Uni<RestResponse<IntegrationView>> update(@RestPath("org_id") UUID orgId,
            @RestPath("integration_id") UUID integrationId, @RestHeader("If-Match") String ifMatch, ObjectNode body) {
        return service.update(current.get(), orgId,
                        integrationId, ifMatch, body)
                .map(Responses::ok);
    }

    @DELETE
    @Path("/{integration_id}")
    @Operation(operationId = "deleteIntegration", summary = "Delete an integration with its resources and pending jobs (org.integration.edit)",
            description = "Deletes the integration together with the resources its syncs found and its pending jobs. A brokered integration is 409.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The integration is brokered")
    public Uni<RestResponse<Void>> delete(@RestPath("org_id") UUID orgId,
            @RestPath("integration_id") UUID integrationId, @RestHeader("If-Match") String ifMatch) {
        return service.delete(current.get(), orgId, integrationId,
                ifMatch).map(v -> RestResponse.noContent());
    }

    @PUT
    @Path("/{integration_id}/configuration")
    @Operation(operationId = "replaceIntegrationConfiguration", summary = "Replace the configuration (org.integration.edit)",
            description = "The configuration is replaced whole and validated against the provider's schema; defaults fill the rest.")
    @APIResponse(responseCode = "200", description = "The new configuration; ETag is the integration's version",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigurationView.class)))
    public Uni<RestResponse<ConfigurationView>> replaceConfiguration(@RestPath("org_id") UUID orgId,
            @RestPath("integration_id") UUID integrationId, @RestHeader("If-Match") String ifMatch,
            ReplaceConfiguration body) {
        BodyCheck.required(body);
        return service.replaceConfiguration(current.get(), orgId,
                        integrationId, ifMatch, body.configuration())
                .map(Responses::ok);
    }

    @GET
    @Path("/{integration_id}/settings")
    @Operation(operationId = "getIntegrationSettings", summary = "Get the settings, defaults included (org.integration.read)",
            description = "The integration's settings with the provider's defaults filled in.")
    @APIResponse(responseCode = "200", description = "The settings",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SettingsView.class)))
    public Uni<RestResponse<SettingsView>> getSettings(@RestPath("org_id") UUID orgId,
            @RestPath("integration_id") UUID integrationId) {
        return service.getSettings(current.get(), orgId, integrationId)
                .map(i -> Responses.ok(IntegrationService.settingsView(i), i.version));
    }

    @PATCH
    @Path("/{integration_id}/settings")
    @Operation(operationId = "mergeIntegrationSettings", summary = "Merge settings (org.integration.edit)",
            description = "Top-level keys given replace theirs; the result is validated. The body is the settings object, "
                    + "or {\"settings\": {...}}.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "The merged settings",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SettingsView.class)))
    public Uni<RestResponse<SettingsView>> mergeSettings(@RestPath("org_id") UUID orgId,
            @RestPath("integration_id") UUID integrationId, @RestHeader("If-Match") String ifMatch, JsonNode body) {
        Caller caller = current.get();
        service.authorise(caller, orgId, true);
        BodyCheck.required(body);
        // The settings object itself, or {"settings": {...}}; the service's Invalid paths (/settings/...) are told
        // back in the shape the client sent.
        boolean wrapped = body.size() == 1 && body.has("settings") && body.get("settings").isObject();
        JsonNode patch = wrapped ? body.get("settings") : body;
        if (!patch.isObject()) {
            throw ApiException.badPointer("", "must be an object");
        }
        return service.mergeSettings(caller, orgId, integrationId, ifMatch, (ObjectNode) patch)
                .onFailure(Invalid.class).transform(e -> wrapped ? e : ((Invalid) e).rebased("/settings", ""))
                .map(i -> Responses.ok(IntegrationService.settingsView(i), i.version));
    }

    @PUT
    @Path("/{integration_id}/credentials")
    @Operation(operationId = "replaceIntegrationCredentials", summary = "Replace the credentials (org.integration.edit); values are never returned",
            description = "The credentials are validated against the provider's schema and stored sealed; the answer is the integration, which shows only which credential fields are set.")
    @APIResponse(responseCode = "409", description = "The integration is brokered")
    @APIResponse(responseCode = "200", description = "The integration, without credential values",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntegrationView.class)))
    public Uni<RestResponse<IntegrationView>> replaceCredentials(@RestPath("org_id") UUID orgId,
            @RestPath("integration_id") UUID integrationId, @RestHeader("If-Match") String ifMatch,
            ReplaceCredentials body) {
        BodyCheck.required(body);
        return credentials.replace(current.get(), orgId,
                        integrationId, ifMatch, body.credentials())
                .map(Responses::ok);
    }

    @DELETE
    @Path("/{integration_id}/credentials")
    @Operation(operationId = "deleteIntegrationCredentials", summary = "Erase the credentials (org.integration.edit); no effect on a brokered integration",
            description = "The stored credentials are erased. A brokered integration holds none, so nothing changes.")
    @APIResponse(responseCode = "204", description = "Erased")
    public Uni<RestResponse<Void>> deleteCredentials(@RestPath("org_id") UUID orgId,
            @RestPath("integration_id") UUID integrationId, @RestHeader("If-Match") String ifMatch) {
        return credentials.delete(current.get(), orgId,
                integrationId, ifMatch).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("/{integration_id}/clone")
    @Operation(operationId = "cloneIntegration", summary = "Clone into another organisation of the same group (org.integration.edit in both)",
            description = "Settings and credentials are copied; a brokered integration's clone joins its broker group "
                    + "and shares its token. A destination outside the group is 400.")
    @APIResponse(responseCode = "201", description = "Cloned",
            headers = {@Header(name = "Location", description = "The created resource", schema = @Schema(type = SchemaType.STRING)), @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClonedView.class)))
    @APIResponse(responseCode = "409", description = "The destination has an integration of this provider with this profile_name, or the Idempotency-Key was used with another request")
    public Uni<Response> cloneIntegration(@RestPath("org_id") UUID org, @RestPath("integration_id") UUID id,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key,
            CloneIntegration body, UriInfo uri) {
        BodyCheck.required(body);
        Caller caller = current.get();
        service.authorise(caller, org, true);
        return idempotency.post(caller, key, uri, body,
                () -> clones.cloneInto(caller, org, id, body.destinationOrgId())
                        .map(copy -> Responses.created(uri.getBaseUriBuilder().path("v1/orgs/{org}/integrations/{id}")
                                .build(copy.organisationId(), copy.id()), new ClonedView(copy.id(), copy), copy.version())));
    }

    @GET
    @Path("/{integration_id}/resources")
    @Operation(operationId = "listIntegrationResources", summary = "List what syncs found at the provider (org.integration.read)",
            description = "What the integration's syncs found at the provider (repositories, projects, channels, …), filtered by kind.")
    @APIResponse(responseCode = "200", description = "A page of resources",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncedResourcePage.class)))
    public Uni<SyncedResourcePage> resources(@RestPath("org_id") UUID org, @RestPath("integration_id") UUID id,
            @RestQuery @Parameter(description = "Only this kind, e.g. repository") String kind, @BeanParam PageParams page) {
        Map<String, Object> filters = new HashMap<>();
        filters.put("kind", kind);
        return service.listResources(current.get(), org, id, kind, page.toRequest("resources:" + id, filters))
                .map(p -> p.into(SyncedResourcePage::new));
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
