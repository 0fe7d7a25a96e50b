package io.integrationshub.audit;

import io.integrationshub.audit.AuditViews.AuditEventPage;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.Ids;
import io.integrationshub.common.error.ApiException;
import io.integrationshub.common.page.PageParams;
import io.integrationshub.common.page.PageRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

@Path("/v1/orgs/{org_id}/audit-events")
@Authenticated
@Tag(name = "Audit log")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final AuditService service;
    private final CurrentCaller current;

    public AuditResource(AuditService service, CurrentCaller current) {
        this.service = service;
        this.current = current;
    }

    @GET
    @Operation(operationId = "listAuditEvents", summary = "List the organisation's audit events, oldest first by default (org.manage)",
            description = "Who changed what: one event per change, with the actor, the target and the changed fields "
                    + "(secrets never appear). Filters: action, target_id (a UUID), actor_id.")
    @APIResponse(responseCode = "200", description = "A page of audit events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditEventPage.class)))
    public Uni<AuditEventPage> list(@RestPath("org_id") UUID org, @RestQuery String action,
            @RestQuery("target_id") String targetId, @RestQuery("actor_id") String actorId, @BeanParam PageParams params) {
        Caller caller = current.get();
        service.authorise(caller, org);
        if (targetId != null && !Ids.isUuid(targetId)) {
            throw ApiException.badParameter("target_id", "must be a UUID");
        }
        Map<String, Object> filters = new HashMap<>();
        filters.put("action", action);
        filters.put("target_id", targetId);
        filters.put("actor_id", actorId);
        PageRequest page = params.toRequest("audit:" + org, filters);
        return service.list(caller, org, action, targetId, actorId, page).map(p -> p.into(AuditEventPage::new));
    }
}
