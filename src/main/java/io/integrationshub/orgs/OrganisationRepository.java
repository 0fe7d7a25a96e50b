package io.integrationshub.orgs;

import io.integrationshub.common.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OrganisationRepository implements PanacheRepositoryBase<Organisation, UUID> {

    public Uni<List<Organisation>> page(Collection<UUID> ids, PageRequest page) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String query = "id in :ids" + page.keysetCondition("createdAt", "id");
        return find(query, page.sort("createdAt", "id"), page.bind(Parameters.with("ids", ids)))
                .range(0, page.fetchSize() - 1).list();
    }

    /** Loads the row locked for update, so concurrent writers apply one after the other. */
    public Uni<Organisation> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
