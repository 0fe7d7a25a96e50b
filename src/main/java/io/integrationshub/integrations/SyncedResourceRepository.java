package io.integrationshub.integrations;

import io.integrationshub.common.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SyncedResourceRepository implements PanacheRepositoryBase<SyncedResource, UUID> {

    public Uni<List<SyncedResource>> page(UUID integrationId, String kind, PageRequest page) {
        StringBuilder query = new StringBuilder("integrationId = :integration");
        Parameters params = Parameters.with("integration", integrationId);
        if (kind != null) {
            query.append(" and kind = :kind");
            params.and("kind", kind);
        }
        query.append(page.keysetCondition("firstSeenAt", "id"));
        return find(query.toString(), page.sort("firstSeenAt", "id"), page.bind(params)).range(0, page.fetchSize() - 1).list();
    }
}
