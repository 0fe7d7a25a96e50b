package io.integrationshub.notifications;

import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.Where;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class NotificationIntegrationRepository implements PanacheRepositoryBase<NotificationIntegration, UUID> {

    /** One keyset page; the cursor condition is a row comparison the (project_id, created_at, id) index seeks to. */
    public Uni<List<NotificationIntegration>> page(UUID projectId, PageRequest page) {
        return page.fetch(this, Where.of("projectId = :project", "project", projectId));
    }

    public Uni<NotificationIntegration> findInProject(UUID projectId, UUID id) {
        return find("projectId = ?1 and id = ?2", projectId, id).firstResult();
    }

    /** Locked for update, so concurrent writers (PATCH, rotate-secret, a 410 disabling it) apply one after another. */
    public Uni<NotificationIntegration> findInProjectForUpdate(UUID projectId, UUID id) {
        return find("projectId = ?1 and id = ?2", projectId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Enabled integrations of the project whose toggle for this event type is on. */
    public Uni<List<UUID>> subscribers(UUID projectId, String toggle) {
        // Ids only: an event's fan-out needs no entity in the session (nor their dirty check at commit).
        return getSession().flatMap(session -> session.createNativeQuery(
                        "select id from notification_integrations where project_id = :project and enabled "
                                + "and cast(events ->> :toggle as boolean) order by created_at, id", UUID.class)
                .setParameter("project", projectId).setParameter("toggle", toggle).getResultList());
    }
}
