package io.integrationshub.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.notifications.NotificationViews.EventAccepted;
import io.integrationshub.notifications.NotificationViews.EventRequest;
import io.integrationshub.projects.ProjectAccess;
import io.integrationshub.projects.ProjectRight;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

@Path("/v1/projects/{project_id}/events")
@Authenticated
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectEventResource {
    private final DeliveryService service;
    private final ProjectAccess projects;
    private final Idempotency idempotency;
    private final CurrentCaller current;

    public ProjectEventResource(DeliveryService service, ProjectAccess projects, Idempotency idempotency,
            CurrentCaller current) {
        this.service = service;
        this.projects = projects;
        this.idempotency = idempotency;
        this.current = current;
    }

    @POST
    @Operation(operationId = "publishProjectEvent", summary = "Publish a project event to its notification integrations (org.project.edit or contributor)",
            description = "Stores the event and, in the same transaction, starts one notification.deliver job per "
                    + "enabled integration whose toggle for the type is on. data is required, an object of at most "
                    + "64 KiB as JSON (400 with pointer /data otherwise). Audited as notification_event.published "
                    + "(type, project_id and the number of deliveries; never the data).")
    @RequestBody(content = @Content(schema = @Schema(implementation = EventRequest.class)))
    @APIResponse(responseCode = "202", description = "The event id and its deliveries (possibly none)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventAccepted.class)))
    @APIResponse(responseCode = "400", description = "Bad input, errors[] points at each field: type missing or not "
            + "one of the seven, data missing, null, not an object or over 64 KiB as JSON, occurred_at not RFC 3339, unknown fields")
    @APIResponse(responseCode = "409", description = "The Idempotency-Key was used with another request")
    public Uni<Response> publish(@RestPath("project_id") UUID project,
            @RestHeader("Idempotency-Key") @Parameter(description = Idempotency.KEY_DESCRIPTION) String key,
            JsonNode body, UriInfo uri) {
        Caller caller = current.get();
        return projects.require(caller, project, ProjectRight.EDIT).flatMap(p -> idempotency.post(caller, key, uri, body,
                () -> service.publish(caller, project, body).map(accepted -> Response.accepted(accepted).build())));
    }
}
