package io.integrationshub.audit;

import io.integrationshub.audit.AuditViews.AuditEventView;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.orgs.OrganisationService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Reads the audit log of an organisation (API.md 7); writing is {@link AuditLog}'s. */
@ApplicationScoped
public class AuditService {
    private final AuditEventRepository repository;
    private final OrganisationService organisations;
    private final AccessControl access;

    public AuditService(AuditEventRepository repository, OrganisationService organisations, AccessControl access) {
        this.repository = repository;
        this.organisations = organisations;
        this.access = access;
    }

    /** The check of list; the resource calls it before it looks at the query. */
    public void authorise(Caller caller, UUID organisationId) {
        access.require(caller, organisationId, Permission.ORG_MANAGE);
    }

    @WithSession
    public Uni<PageResponse<AuditEventView>> list(Caller caller, UUID organisationId, String action, String targetId,
            String actorId, PageRequest page) {
        authorise(caller, organisationId);
        return organisations.requireExisting(organisationId)
                .flatMap(o -> repository.page(organisationId, action, targetId, actorId, page))
                .map(rows -> PageResponse.of(page, rows, e -> e.createdAt, e -> e.id, AuditEventView::of));
    }
}
