package io.integrationshub.orgs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.integrationshub.common.domain.Invalid;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.common.domain.FieldCheck;
import io.integrationshub.common.web.Versions;
import io.integrationshub.orgs.OrganisationViews.CreateGroup;
import io.integrationshub.orgs.OrganisationViews.CreateOrganisation;
import io.integrationshub.orgs.OrganisationViews.GroupView;
import io.integrationshub.orgs.OrganisationViews.OrganisationView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class OrganisationService {
    private final GroupRepository groups;
    private final OrganisationRepository organisations;
    private final AccessControl access;
    private final AuditLog audit;

    public OrganisationService(GroupRepository groups, OrganisationRepository organisations, AccessControl access,
            AuditLog audit) {
        this.groups = groups;
        this.organisations = organisations;
        this.access = access;
        this.audit = audit;
    }

    /** Creating groups and organisations is for platform admins; resources call it before the idempotency lookup. */
    public void authoriseAdministration(Caller caller) {
        access.requirePlatformAdmin(caller);
    }

    @WithTransaction
    public Uni<GroupView> createGroup(Caller caller, CreateGroup body) {
        authoriseAdministration(caller);
        FieldCheck.of(body).text("/name", body.name(), true, 100).orThrow();
        Group group = new Group();
        group.id = Ids.newId();
        group.name = body.name().trim();
        group.createdAt = Times.now();
        return groups.persist(group).map(GroupView::of);
    }

    /** Platform admins see every group; others only groups holding an organisation they belong to. */
    @WithSession
    public Uni<GroupView> getGroup(Caller caller, UUID groupId) {
        return groups.findById(groupId).flatMap(group -> {
            if (group == null) {
                return Uni.createFrom().failure(new NotFound("no such group"));
            }
            if (caller.platformAdmin()) {
                return Uni.createFrom().item(GroupView.of(group));
            }
            if (caller.organisations().isEmpty()) {
                return Uni.createFrom().failure(new NotFound("no such group"));
            }
            return organisations.count("groupId = ?1 and id in ?2", groupId, caller.organisations().keySet())
                    .map(n -> {
                        if (n == 0) {
                            throw new NotFound("no such group");
                        }
                        return GroupView.of(group);
                    });
        });
    }

    @WithTransaction
    public Uni<OrganisationView> createOrganisation(Caller caller, CreateOrganisation body) {
        authoriseAdministration(caller);
        FieldCheck check = FieldCheck.of(body).text("/name", body.name(), true, 100).required("/group_id", body.groupId());
        if (body.profile() != null) {
            body.profile().asMap().forEach((key, value) -> OrganisationPatch.checkValue(check, key, value));
        }
        check.orThrow();
        return groups.findById(body.groupId()).flatMap(group -> {
            if (group == null) {
                return Uni.createFrom().failure(Invalid.of("/group_id", "no such group"));
            }
            Organisation org = new Organisation();
            org.id = Ids.newId();
            org.groupId = group.id;
            org.name = body.name().trim();
            org.profile = body.profile() == null ? new LinkedHashMap<>() : body.profile().asMap();
            org.createdAt = Times.now();
            org.updatedAt = org.createdAt;
            org.version = 1;
            return organisations.persist(org)
                    .call(saved -> audit.record(caller, saved.id, "organisation.created", "organisation", saved.id,
                            Changes.of().field("name", null, saved.name).field("group_id", null, saved.groupId.toString())
                                    .field("profile", null, saved.profile)))
                    .call(organisations::flush)
                    .map(OrganisationView::of);
        });
    }

    @WithSession
    public Uni<PageResponse<OrganisationView>> listOrganisations(Caller caller, PageRequest page) {
        return organisations.page(caller.organisations().keySet(), page)
                .map(rows -> PageResponse.of(page, rows, o -> o.createdAt, o -> o.id, OrganisationView::of));
    }

    @WithSession
    public Uni<OrganisationView> getOrganisation(Caller caller, UUID organisationId) {
        access.require(caller, organisationId, Permission.ORG_READ);
        return requireExisting(organisationId).map(OrganisationView::of);
    }

    @WithTransaction
    public Uni<OrganisationView> updateOrganisation(Caller caller, UUID organisationId, String ifMatch,
            ObjectNode patch) {
        access.require(caller, organisationId, Permission.ORG_MANAGE);
        OrganisationPatch.Changes body = OrganisationPatch.parse(patch);
        Map<String, String> profileChanges = body.profile();
        return Versions.matching(organisations.findForUpdate(organisationId), "no such organisation", ifMatch,
                o -> o.version).flatMap(org -> {
            Changes changes = Changes.of();
            if (body.name() != null) {
                changes.field("name", org.name, body.name());
                org.name = body.name();
            }
            if (profileChanges != null) {
                Map<String, String> merged = new LinkedHashMap<>(org.profile == null ? Map.of() : org.profile);
                profileChanges.forEach((k, v) -> {
                    if (v == null) {
                        merged.remove(k);
                    } else {
                        merged.put(k, v);
                    }
                });
                changes.field("profile", org.profile, merged);
                org.profile = merged;
            }
            if (changes.isEmpty()) {
                return Uni.createFrom().item(OrganisationView.of(org));
            }
            org.touch();
            return audit.record(caller, org.id, "organisation.updated", "organisation", org.id, changes)
                    .call(organisations::flush)
                    .map(ignored -> OrganisationView.of(org));
        });
    }

    /** The organisation, or 404 when it does not exist. */
    public Uni<Organisation> requireExisting(UUID organisationId) {
        return organisations.findById(organisationId).onItem().ifNull()
                .failWith(() -> new NotFound("no such organisation"));
    }
}
