package io.integrationshub.orgs;

import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.Where;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
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
        return page.fetch(this, Where.of("id in :ids", "ids", ids));
    }

    /** Loads the row locked for update, so concurrent writers apply one after the other. */
    public Uni<Organisation> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
