package io.integrationshub.apitokens;

import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.Where;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ApiTokenRepository implements PanacheRepositoryBase<ApiToken, UUID> {

    public Uni<List<ApiToken>> page(UUID organisationId, PageRequest page) {
        return page.fetch(this, Where.of("organisationId = :org", "org", organisationId));
    }

    /**
     * The live token with this hash (not expired by the database's clock), in the caller's session: one probe of
     * the unique hash index per API-token request (ApiTokenIdentityProvider).
     */
    public Uni<ApiToken> findLive(String tokenHash) {
        return find("tokenHash = ?1 and (expiresAt is null or expiresAt > current_timestamp)", tokenHash).firstResult();
    }

    public Uni<ApiToken> findInOrganisation(UUID organisationId, UUID id) {
        return find("organisationId = ?1 and id = ?2", organisationId, id).firstResult();
    }
}
