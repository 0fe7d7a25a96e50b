package io.integrationshub.projects;

import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.common.domain.Forbidden;
import io.integrationshub.common.domain.NotFound;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The permission check of everything under a project (API.md 2). Organisation permissions and the
 * caller's collaborator role on the project combine; the stronger wins. A project the caller cannot
 * see at all (no role in its organisation and no collaboration on it) does not exist for them: 404.
 * Visible but without the right: 403.
 * <p>
 * Runs in the caller's Hibernate Reactive session or transaction when there is one (it opens a
 * session otherwise), so features under a project call it first in their chain:
 * <pre>{@code
 * return projectAccess.require(caller, projectId, ProjectRight.EDIT).flatMap(project -> ...);
 * }</pre>
 */
@ApplicationScoped
public class ProjectAccess {
    private final ProjectRepository projects;
    private final CollaboratorRepository collaborators;

    public ProjectAccess(ProjectRepository projects, CollaboratorRepository collaborators) {
        this.projects = projects;
        this.collaborators = collaborators;
    }

    /** The project, if the caller holds {@code right} on it; else fails with a 404 or 403 problem. */
    @WithSession
    public Uni<Project> require(Caller caller, UUID projectId, ProjectRight right) {
        return projects.findById(projectId).flatMap(project -> check(caller, project, right));
    }

    /**
     * Like {@link #require}, with the project row locked for update: changes of the project and of
     * its collaborators apply one after another. Call it inside a transaction.
     */
    @WithSession
    public Uni<Project> requireForUpdate(Caller caller, UUID projectId, ProjectRight right) {
        return projects.findForUpdate(projectId).flatMap(project -> check(caller, project, right));
    }

    /** Every right the caller holds on the project (empty: the project is invisible to them). */
    @WithSession
    public Uni<Set<ProjectRight>> rights(Caller caller, Project project) {
        Set<ProjectRight> fromOrganisation = organisationRights(caller, project.organisationId);
        if (fromOrganisation.containsAll(EnumSet.allOf(ProjectRight.class)) || caller.kind() != Caller.Kind.USER) {
            return Uni.createFrom().item(fromOrganisation);
        }
        return rights(caller, project.organisationId, project.id);
    }

    /**
     * Fails with 404 or 403 unless the caller holds {@code right} on the project, without loading or
     * locking it: collaborator changes check here first, then lock the project and check again, so a
     * request that was allowed when it arrived meets the rules (e.g. the last owner) as they are after
     * the lock, and one that lost its right meanwhile is refused.
     */
    Uni<Void> precheck(Caller caller, UUID projectId, ProjectRight right) {
        return projects.organisationOf(projectId).flatMap(organisationId -> {
            if (organisationId == null) {
                return Uni.createFrom().failure(new NotFound("no such project"));
            }
            return rights(caller, organisationId, projectId).invoke(granted -> verdict(caller, organisationId, granted, right))
                    .replaceWithVoid();
        });
    }

    private Uni<Set<ProjectRight>> rights(Caller caller, UUID organisationId, UUID projectId) {
        Set<ProjectRight> fromOrganisation = organisationRights(caller, organisationId);
        if (fromOrganisation.containsAll(EnumSet.allOf(ProjectRight.class)) || caller.kind() != Caller.Kind.USER) {
            return Uni.createFrom().item(fromOrganisation);
        }
        // A scalar query: always the row as it is now, never an entity cached earlier in the session.
        return collaborators.roleOf(projectId, caller.id()).map(role -> {
            EnumSet<ProjectRight> all = fromOrganisation.isEmpty() ? EnumSet.noneOf(ProjectRight.class)
                    : EnumSet.copyOf(fromOrganisation);
            if (role != null) {
                CollaboratorRole.fromWireName(role).ifPresent(r -> all.addAll(r.rights));
            }
            return all;
        });
    }

    /** What the caller's organisation permissions grant on every project of that organisation. */
    public static Set<ProjectRight> organisationRights(Caller caller, UUID organisationId) {
        if (caller.can(organisationId, Permission.ORG_PROJECT_EDIT)) {
            return EnumSet.allOf(ProjectRight.class);
        }
        if (caller.can(organisationId, Permission.ORG_PROJECT_READ)) {
            return EnumSet.of(ProjectRight.READ);
        }
        return EnumSet.noneOf(ProjectRight.class);
    }

    /** The project if the caller holds the right on it now; 404 or 403 otherwise. */
    Uni<Project> check(Caller caller, Project project, ProjectRight right) {
        if (project == null) {
            return Uni.createFrom().failure(new NotFound("no such project"));
        }
        if (organisationRights(caller, project.organisationId).contains(right)) {
            return Uni.createFrom().item(project);
        }
        return rights(caller, project).map(granted -> {
            verdict(caller, project.organisationId, granted, right);
            return project;
        });
    }

    private static void verdict(Caller caller, UUID organisationId, Set<ProjectRight> granted, ProjectRight right) {
        if (granted.isEmpty() && !caller.isMemberOf(organisationId)) {
            throw new NotFound("no such project");
        }
        if (!granted.contains(right)) {
            throw new Forbidden("the caller lacks the " + describe(right) + " right on this project");
        }
    }

    private static String describe(ProjectRight right) {
        return switch (right) {
            case READ -> "read (org.project.read or a collaborator role)";
            case EDIT -> "edit (org.project.edit or the contributor or owner role)";
            case MANAGE_COLLABORATORS -> "manage-collaborators (org.project.edit or the owner role)";
        };
    }
}
