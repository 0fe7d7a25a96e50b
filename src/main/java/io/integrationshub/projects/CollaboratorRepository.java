package io.integrationshub.projects;

import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.Where;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Collaborators of projects; pages put the keyset condition as a row comparison, which
 * project_collaborators_page_idx (project_id, created_at, id) seeks to.
 */
@ApplicationScoped
public class CollaboratorRepository implements PanacheRepositoryBase<ProjectCollaborator, UUID> {
    public Uni<ProjectCollaborator> find(UUID projectId, String accountId) {
        return find("projectId = ?1 and accountId = ?2", projectId, accountId).firstResult();
    }

    /** The member's current role on the project, or null (a scalar read: never a stale cached entity). */
    public Uni<String> roleOf(UUID projectId, String accountId) {
        return getSession().flatMap(session -> session.createSelectionQuery(
                        "select c.role from ProjectCollaborator c where c.projectId = :p and c.accountId = :a", String.class)
                .setParameter("p", projectId).setParameter("a", accountId).getSingleResultOrNull());
    }

    /** The membership locked for update. */
    public Uni<ProjectCollaborator> findForUpdate(UUID projectId, String accountId) {
        return find("projectId = ?1 and accountId = ?2", projectId, accountId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<ProjectCollaborator>> findAll(UUID projectId, Collection<String> accountIds) {
        return find("projectId = ?1 and accountId in ?2", projectId, accountIds).list();
    }

    public Uni<Long> countOwners(UUID projectId) {
        return count("projectId = ?1 and role = ?2", projectId, CollaboratorRole.OWNER.wireName);
    }

    public Uni<List<ProjectCollaborator>> page(UUID projectId, String role, PageRequest page) {
        return page.fetch(this, Where.of("projectId = :project", "project", projectId).equalIfGiven("role", role));
    }
}
