package io.integrationshub.orgs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.page.PageParams;
import io.integrationshub.common.web.Responses;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.orgs.OrganisationViews.CreateOrganisation;
import io.integrationshub.orgs.OrganisationViews.OrganisationPage;
import io.integrationshub.orgs.OrganisationViews.OrganisationView;
import io.integrationshub.orgs.OrganisationViews.UpdateOrganisation;
import io.quarkus.security.Authenticated;
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
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

import java.util.Map;

@Path("/v1/orgs")
@Authenticated
@Tag(name = "Organisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganisationResource {
    private final OrganisationService service;
    private final Idempotency idempotency;
    private final CurrentCaller current;

    public OrganisationResource(OrganisationService service, Idempotency idempotency, CurrentCaller current) {
        this.service = service;
        this.idempotency = idempotency;
        this.current = current;
    }

    @POST
    @Operation(operationId = "createOrganisation", summary = "Create an organisation in a group (platform.admin)",
            description = "The organisation belongs to the group given by group_id; an unknown group_id is 400.")
    @APIResponse(responseCode = "201", description = "Organisation created",
            headers = {@Header(name = "Location", description = "The created resource", schema = @Schema(type = SchemaType.STRING)), @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganisationView.class)))
    public Uni<Response> create(@RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key, CreateOrganisation body, UriInfo uri) {
        Caller caller = current.get();
        service.authoriseAdministration(caller);
        return idempotency.post(caller, key, uri, body, () -> service.createOrganisation(caller, body)
                .map(org -> Responses.created(uri, org.id(), org, org.version())));
    }

    @GET
    @Operation(operationId = "listOrganisations", summary = "List the organisations the caller holds a role in",
            description = "The organisations in the caller's claims.")
    @APIResponse(responseCode = "200", description = "A page of organisations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganisationPage.class)))
    public Uni<OrganisationPage> list(@BeanParam PageParams page) {
        return service.listOrganisations(current.get(), page.toRequest("orgs", Map.of()))
                .map(p -> p.into(OrganisationPage::new));
    }

    @GET
    @Path("/{org_id}")
    @Operation(operationId = "getOrganisation", summary = "Get an organisation (org.read)",
            description = "The organisation's name, group and profile.")
    @APIResponse(responseCode = "200", description = "The organisation",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganisationView.class)))
    public Uni<RestResponse<OrganisationView>> get(@RestPath("org_id") UUID orgId) {
        return service.getOrganisation(current.get(), orgId)
                .map(Responses::ok);
    }

    @PATCH
    @Path("/{org_id}")
    @Operation(operationId = "updateOrganisation", summary = "Update an organisation's name or profile (org.manage)",
            description = "Only the fields given (name, profile) change; profile keys are merged, a null value clears one.")
    @RequestBody(content = @Content(schema = @Schema(implementation = UpdateOrganisation.class)))
    @APIResponse(responseCode = "200", description = "The updated organisation",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganisationView.class)))
    public Uni<RestResponse<OrganisationView>> update(@RestPath("org_id") UUID orgId,
            @RestHeader("If-Match") String ifMatch, ObjectNode body) {
        return service.updateOrganisation(current.get(), orgId, ifMatch, body)
                .map(Responses::ok);
    }
}
