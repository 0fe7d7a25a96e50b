package io.integrationshub.integrations;

import io.integrationshub.common.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class IntegrationRepository implements PanacheRepositoryBase<Integration, UUID> {

    public Uni<List<Integration>> page(UUID organisationId, String provider, Boolean enabled, PageRequest page) {
        StringBuilder query = new StringBuilder("organisationId = :org");
        Parameters params = Parameters.with("org", organisationId);
        if (provider != null) {
            query.append(" and provider = :provider");
            params.and("provider", provider);
        }
        if (enabled != null) {
            query.append(" and enabled = :enabled");
            params.and("enabled", enabled);
        }
        query.append(page.keysetCondition("createdAt", "id"));
        return find(query.toString(), page.sort("createdAt", "id"), page.bind(params)).range(0, page.fetchSize() - 1).list();
    }

    public Uni<Integration> findInOrganisation(UUID organisationId, UUID id) {
        return find("organisationId = ?1 and id = ?2", organisationId, id).firstResult();
    }

    /** The integration locked for update, so that concurrent writers apply one after another. */
    public Uni<Integration> findInOrganisationForUpdate(UUID organisationId, UUID id) {
        return find("organisationId = ?1 and id = ?2", organisationId, id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
