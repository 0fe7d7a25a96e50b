package io.integrationshub.projects;

import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.common.error.ApiException;
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
        return collaborators.find(project.id, caller.id()).map(collaborator -> {
            EnumSet<ProjectRight> all = fromOrganisation.isEmpty() ? EnumSet.noneOf(ProjectRight.class)
                    : EnumSet.copyOf(fromOrganisation);
            if (collaborator != null) {
                CollaboratorRole.fromWireName(collaborator.role).ifPresent(role -> all.addAll(role.rights));
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

    private Uni<Project> check(Caller caller, Project project, ProjectRight right) {
        if (project == null) {
            return Uni.createFrom().failure(ApiException.notFound("no such project"));
        }
        if (organisationRights(caller, project.organisationId).contains(right)) {
            return Uni.createFrom().item(project);
        }
        return rights(caller, project).map(granted -> {
            if (granted.isEmpty() && !caller.isMemberOf(project.organisationId)) {
                throw ApiException.notFound("no such project");
            }
            if (!granted.contains(right)) {
                throw ApiException.forbidden("the caller lacks the " + describe(right) + " right on this project");
            }
            return project;
        });
    }

    private static String describe(ProjectRight right) {
        return switch (right) {
            case READ -> "read (org.project.read or a collaborator role)";
            case EDIT -> "edit (org.project.edit or the contributor or owner role)";
            case MANAGE_COLLABORATORS -> "manage-collaborators (org.project.edit or the owner role)";
        };
    }
}
