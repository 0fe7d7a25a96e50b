package io.integrationshub.audit;

import io.integrationshub.common.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AuditEventRepository implements PanacheRepositoryBase<AuditEvent, UUID> {

    public Uni<List<AuditEvent>> page(UUID organisationId, String action, String targetId, String actorId, PageRequest page) {
        StringBuilder query = new StringBuilder("organisationId = :org");
        Parameters params = Parameters.with("org", organisationId);
        if (action != null) {
            query.append(" and action = :action");
            params.and("action", action);
        }
        if (targetId != null) {
            query.append(" and targetId = :targetId");
            params.and("targetId", targetId);
        }
        if (actorId != null) {
            query.append(" and actorId = :actorId");
            params.and("actorId", actorId);
        }
        query.append(page.keysetCondition("createdAt", "id"));
        return find(query.toString(), page.sort("createdAt", "id"), page.bind(params)).range(0, page.fetchSize() - 1).list();
    }
}
