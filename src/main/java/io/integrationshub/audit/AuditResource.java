package io.integrationshub.audit;

import io.integrationshub.audit.AuditViews.AuditEventPage;
import io.integrationshub.audit.AuditViews.AuditEventView;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Permission;
import io.integrationshub.common.Ids;
import io.integrationshub.common.page.PageParams;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.orgs.OrganisationService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    private final AuditEventRepository repository;
    private final OrganisationService organisations;
    private final AccessControl access;
    private final SecurityIdentity identity;

    public AuditResource(AuditEventRepository repository, OrganisationService organisations, AccessControl access,
            SecurityIdentity identity) {
        this.repository = repository;
        this.organisations = organisations;
        this.access = access;
        this.identity = identity;
    }

    @GET
    @WithSession
    @Operation(summary = "List the organisation's audit events, oldest first by default (org.manage)")
    public Uni<AuditEventPage> list(@RestPath("org_id") String orgId, @RestQuery String action,
            @RestQuery("target_id") String targetId, @RestQuery("actor_id") String actorId, @BeanParam PageParams params) {
        UUID org = Ids.pathId("org_id", orgId);
        access.require(access.caller(identity), org, Permission.ORG_MANAGE);
        if (targetId != null && !Ids.isUuid(targetId)) {
            throw io.integrationshub.common.error.ApiException.badParameter("target_id", "must be a UUID");
        }
        Map<String, Object> filters = new HashMap<>();
        filters.put("action", action);
        filters.put("target_id", targetId);
        filters.put("actor_id", actorId);
        PageRequest page = params.toRequest("audit:" + org, filters);
        return organisations.requireExisting(org)
                .flatMap(o -> repository.page(org, action, targetId, actorId, page))
                .map(rows -> PageResponse.of(page, rows, e -> e.createdAt, e -> e.id, AuditEventView::of)
                        .into(AuditEventPage::new));
    }
}
