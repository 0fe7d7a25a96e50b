package io.integrationshub.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.web.JobStarts;
import io.integrationshub.common.page.PageParams;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.jobs.api.JobResponses;
import io.integrationshub.jobs.api.JobView;
import io.integrationshub.notifications.NotificationViews.DeliveryDetail;
import io.integrationshub.notifications.NotificationViews.DeliveryPage;
import io.integrationshub.notifications.NotificationViews.RecoverRequest;
import io.integrationshub.notifications.NotificationViews.RecoverResult;
import io.integrationshub.projects.ProjectAccess;
import io.integrationshub.projects.ProjectRight;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import java.util.Map;
import java.util.UUID;

@Path("/v1/projects/{project_id}/notification-integrations/{nid}/deliveries")
@Authenticated
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {
    private final DeliveryService service;
    private final ProjectAccess projects;
    private final Idempotency idempotency;
    private final CurrentCaller current;
    private final JobStarts jobStarts;

    public DeliveryResource(DeliveryService service, ProjectAccess projects, Idempotency idempotency,
            CurrentCaller current, JobStarts jobStarts) {
        this.service = service;
        this.projects = projects;
        this.idempotency = idempotency;
        this.current = current;
        this.jobStarts = jobStarts;
    }

    @GET
    @Operation(operationId = "listNotificationDeliveries", summary = "List the integration's deliveries (org.project.read or a collaborator role)",
            description = "The integration's deliveries with their status, attempts and an excerpt of the last response.")
    @APIResponse(responseCode = "200", description = "A page of deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryPage.class)))
    public Uni<DeliveryPage> list(@RestPath("project_id") UUID project, @RestPath("nid") UUID id,
            @BeanParam PageParams page) {
        Caller caller = current.get();
        return projects.require(caller, project, ProjectRight.READ)
                .flatMap(p -> service.list(caller, project, id, page.toRequest("notification-deliveries:" + id, Map.of())))
                .map(p -> p.into(DeliveryPage::new));
    }

    @GET
    @Path("/{did}")
    @Operation(operationId = "getNotificationDelivery", summary = "Get a delivery with its attempt log (org.project.read or a collaborator role)",
            description = "The delivery with its attempt log.")
    @APIResponse(responseCode = "200", description = "The delivery",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryDetail.class)))
    public Uni<DeliveryDetail> get(@RestPath("project_id") UUID projectId, @RestPath("nid") UUID nid,
            @RestPath("did") UUID did) {
        return service.get(current.get(), projectId, nid,
                did);
    }

    @POST
    @Path("/{did}/redeliver")
    @Operation(operationId = "redeliverNotification", summary = "Send a delivery again (org.project.edit or contributor)",
            description = "A new attempt with the same webhook-id and a fresh retry schedule. A delivery still pending "
                    + "keeps its job, which runs now instead of at its scheduled retry. On a disabled integration, "
                    + "which sends nothing but pings, 409. The answer is the delivery's job (target: the delivery), API.md 1.5.")
    @APIResponse(responseCode = "202", description = "The delivery's job; Location: /v1/jobs/{id}",
            headers = @Header(name = "Location", description = "/v1/jobs/{id} of the delivery's job",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "200", description = "With Prefer: wait=N, the job finished within N seconds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "409", description = "The notification integration is disabled (enable it first), "
            + "or the Idempotency-Key was used with another request")
    public Uni<Response> redeliver(@RestPath("project_id") UUID project, @RestPath("nid") UUID id,
            @RestPath("did") UUID delivery,
            @RestHeader("Prefer") @Parameter(description = JobResponses.PREFER_DESCRIPTION) String prefer,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key,
            UriInfo uri) {
        Caller caller = current.get();
        return projects.require(caller, project, ProjectRight.EDIT).flatMap(p -> jobStarts.started(caller, key, uri, prefer,
                () -> service.redeliver(caller, project, id, delivery).map(DeliveryService.Started::job)));
    }

    @POST
    @Path("/recover")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recoverNotificationDeliveries", summary = "Send every failed delivery since a time again (org.project.edit or contributor)",
            description = "since: RFC 3339, at most 7 days ago (else 400). Each failed delivery created since then gets "
                    + "a new job, with the same webhook-id. On a disabled integration, 409 (enable it first).")
    @RequestBody(content = @Content(schema = @Schema(implementation = RecoverRequest.class)))
    @APIResponse(responseCode = "202", description = "How many deliveries were sent again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecoverResult.class)))
    @APIResponse(responseCode = "409", description = "The notification integration is disabled (enable it first), "
            + "or the Idempotency-Key was used with another request")
    public Uni<Response> recover(@RestPath("project_id") UUID project, @RestPath("nid") UUID id,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key,
            JsonNode body, UriInfo uri) {
        Caller caller = current.get();
        return projects.require(caller, project, ProjectRight.EDIT).flatMap(p -> idempotency.post(caller, key, uri, body,
                () -> service.recover(caller, project, id, body).map(n -> Response.accepted(new RecoverResult(n)).build())));
    }
}
