package io.integrationshub.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.web.JobStarts;
import io.integrationshub.common.page.PageParams;
import io.integrationshub.common.web.Responses;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.jobs.api.JobResponses;
import io.integrationshub.jobs.api.JobView;
import io.integrationshub.notifications.NotificationViews.CreateRequest;
import io.integrationshub.notifications.NotificationViews.IntegrationPage;
import io.integrationshub.notifications.NotificationViews.NotificationIntegrationView;
import io.integrationshub.notifications.NotificationViews.UpdateRequest;
import io.integrationshub.projects.ProjectAccess;
import io.integrationshub.projects.ProjectRight;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import java.util.Map;
import java.util.UUID;

@Path("/v1/projects/{project_id}/notification-integrations")
@Authenticated
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {
    private final NotificationService service;
    private final DeliveryService deliveries;
    private final ProjectAccess projects;
    private final Idempotency idempotency;
    private final CurrentCaller current;
    private final JobStarts jobStarts;

    public NotificationResource(NotificationService service, DeliveryService deliveries, ProjectAccess projects,
            Idempotency idempotency, CurrentCaller current, JobStarts jobStarts) {
        this.service = service;
        this.deliveries = deliveries;
        this.projects = projects;
        this.idempotency = idempotency;
        this.current = current;
        this.jobStarts = jobStarts;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createNotificationIntegration", summary = "Create a Slack or webhook notification integration (org.project.edit or contributor)",
            description = "The url must be https (plain http only for hosts on the outbound allow-list) and must not "
                    + "resolve to an internal address; it is stored encrypted and only ever shown masked. A webhook's "
                    + "signing_secret is in this response only.")
    @RequestBody(content = @Content(schema = @Schema(implementation = CreateRequest.class)))
    @APIResponse(responseCode = "201", description = "Created; Location and ETag are set",
            headers = {@Header(name = "Location", description = "The created resource", schema = @Schema(type = SchemaType.STRING)), @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotificationIntegrationView.class)))
    @APIResponse(responseCode = "409", description = "The Idempotency-Key was used with another request")
    public Uni<Response> create(@RestPath("project_id") UUID project,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key, JsonNode body, UriInfo uri) {
        Caller caller = current.get();
        return projects.require(caller, project, ProjectRight.EDIT).flatMap(p -> idempotency.post(caller, key, uri, body,
                () -> service.create(caller, project, body)
                        .map(created -> Responses.noStoreIf(created.signingSecret() != null,
                                Responses.created(uri, created.id(), created, created.version())))));
    }

    @GET
    @Operation(operationId = "listNotificationIntegrations", summary = "List the project's notification integrations (org.project.read or a collaborator role)",
            description = "Urls are masked and signing secrets never shown.")
    @APIResponse(responseCode = "200", description = "A page of notification integrations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntegrationPage.class)))
    public Uni<IntegrationPage> list(@RestPath("project_id") UUID project, @BeanParam PageParams page) {
        Caller caller = current.get();
        return projects.require(caller, project, ProjectRight.READ)
                .flatMap(p -> service.list(caller, project, page.toRequest("notification-integrations:" + project, Map.of())))
                .map(p -> p.into(IntegrationPage::new));
    }

    @GET
    @Path("/{nid}")
    @Operation(operationId = "getNotificationIntegration", summary = "Get a notification integration (org.project.read or a collaborator role)",
            description = "Its type, masked url and event toggles; signing secrets are never shown.")
    @APIResponse(responseCode = "200", description = "The notification integration",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotificationIntegrationView.class)))
    public Uni<RestResponse<NotificationIntegrationView>> get(@RestPath("project_id") UUID projectId,
            @RestPath("nid") UUID nid) {
        return service.get(current.get(), projectId, nid)
                .map(Responses::ok);
    }

    @PATCH
    @Path("/{nid}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateNotificationIntegration", summary = "Change enabled, configuration or event toggles (org.project.edit or contributor)",
            description = "Only the fields given change; type is immutable (400). A new url is checked as at creation.")
    @RequestBody(content = @Content(schema = @Schema(implementation = UpdateRequest.class)))
    @APIResponse(responseCode = "200", description = "The updated notification integration",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotificationIntegrationView.class)))
    public Uni<RestResponse<NotificationIntegrationView>> update(@RestPath("project_id") UUID projectId,
            @RestPath("nid") UUID nid, @RestHeader("If-Match") String ifMatch, JsonNode body) {
        return service.update(current.get(), projectId, nid,
                ifMatch, body).map(Responses::ok);
    }

    @DELETE
    @Path("/{nid}")
    @Operation(operationId = "deleteNotificationIntegration", summary = "Delete a notification integration with its deliveries and their pending jobs (org.project.edit or contributor)",
            description = "Its deliveries go with it, and their pending jobs.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<RestResponse<Void>> delete(@RestPath("project_id") UUID projectId, @RestPath("nid") UUID nid,
            @RestHeader("If-Match") String ifMatch) {
        return service.delete(current.get(), projectId, nid, ifMatch)
                .map(v -> RestResponse.noContent());
    }

    @POST
    @Path("/{nid}/rotate-secret")
    @Operation(operationId = "rotateNotificationSecret", summary = "Rotate a webhook's signing secret (org.project.edit or contributor)",
            description = "The new signing_secret is in this response only. The previous secret keeps signing alongside "
                    + "for 24 hours (webhook-signature then holds both signatures), then it is dropped. Slack integrations: 400.")
    @APIResponse(responseCode = "200", description = "Rotated; the integration with its new signing_secret",
            headers = @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotificationIntegrationView.class)))
    public Uni<Response> rotateSecret(@RestPath("project_id") UUID project, @RestPath("nid") UUID id,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key, UriInfo uri) {
        Caller caller = current.get();
        return projects.require(caller, project, ProjectRight.EDIT).flatMap(p -> idempotency.post(caller, key, uri, null,
                () -> service.rotateSecret(caller, project, id)
                        .map(v -> Responses.noStore(Responses.ok(v).toResponse()))));
    }

    @POST
    @Path("/{nid}/test")
    @Operation(operationId = "testNotificationIntegration", summary = "Send a ping delivery (org.project.edit or contributor)",
            description = "A delivery of event type ping, sent even when the integration is disabled, so the endpoint "
                    + "can be checked before enabling it. The answer is the delivery's job (target: the delivery), API.md 1.5.")
    @APIResponse(responseCode = "202", description = "The delivery's job; Location: /v1/jobs/{id}",
            headers = @Header(name = "Location", description = "/v1/jobs/{id} of the delivery's job",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "200", description = "With Prefer: wait=N, the job finished within N seconds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    public Uni<Response> test(@RestPath("project_id") UUID project, @RestPath("nid") UUID id,
            @RestHeader("Prefer") @Parameter(description = JobResponses.PREFER_DESCRIPTION) String prefer,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key, UriInfo uri) {
        Caller caller = current.get();
        return projects.require(caller, project, ProjectRight.EDIT).flatMap(p -> jobStarts.started(caller, key, uri, prefer,
                () -> deliveries.test(caller, project, id).map(DeliveryService.Started::job)));
    }
}
