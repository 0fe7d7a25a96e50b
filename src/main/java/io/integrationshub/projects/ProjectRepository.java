package io.integrationshub.projects;

import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.Where;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

/**
 * Projects, read and written through the Hibernate session. Pages put the keyset condition as the row
 * comparison {@code (createdAt, id) > (:t, :id)}, which projects_page_idx (organisation_id, created_at, id) seeks to.
 */
@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, UUID> {

    /** Every project of the organisation. */
    public Uni<List<Project>> page(UUID organisationId, PageRequest page) {
        return page.fetch(this, Where.of("organisationId = :organisation", "organisation", organisationId));
    }

    /** The organisation's projects on which {@code accountId} is a collaborator. */
    public Uni<List<Project>> pageForMember(UUID organisationId, String accountId, PageRequest page) {
        String hql = "select p from Project p where p.organisationId = :organisation and exists (select 1 from "
                + "ProjectCollaborator c where c.projectId = p.id and c.accountId = :account)"
                + page.keysetCondition("p.createdAt", "p.id") + page.sqlOrder("p.createdAt", "p.id");
        return getSession().flatMap(session -> {
            var query = session.createSelectionQuery(hql, Project.class).setMaxResults(page.fetchSize());
            page.bind(Parameters.with("organisation", organisationId).and("account", accountId)).map()
                    .forEach(query::setParameter);
            return query.getResultList();
        });
    }

    /** Whether {@code accountId} collaborates on any project of the organisation. */
    public Uni<Boolean> isCollaboratorInOrganisation(UUID organisationId, String accountId) {
        return getSession().flatMap(session -> session.createSelectionQuery("select c.id from ProjectCollaborator c, "
                        + "Project p where p.id = c.projectId and c.accountId = :account and p.organisationId = :organisation",
                        UUID.class)
                .setParameter("account", accountId).setParameter("organisation", organisationId)
                .setMaxResults(1).getResultList().map(rows -> !rows.isEmpty()));
    }

    /** The project's organisation, or null when there is no such project (a scalar read: nothing is loaded). */
    public Uni<UUID> organisationOf(UUID projectId) {
        return getSession().flatMap(session -> session
                .createSelectionQuery("select p.organisationId from Project p where p.id = :id", UUID.class)
                .setParameter("id", projectId).getSingleResultOrNull());
    }

    /** The project locked for update: writers of the project and of its collaborators apply one after another. */
    public Uni<Project> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
