package io.integrationshub.audit;

import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.Where;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AuditEventRepository implements PanacheRepositoryBase<AuditEvent, UUID> {

    public Uni<List<AuditEvent>> page(UUID organisationId, String action, String targetId, String actorId, PageRequest page) {
        return page.fetch(this, Where.of("organisationId = :org", "org", organisationId)
                .equalIfGiven("action", action).equalIfGiven("targetId", targetId).equalIfGiven("actorId", actorId));
    }
}
