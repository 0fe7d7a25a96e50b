package io.integrationshub.projects;

import io.integrationshub.common.db.HardDelete;

import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.auth.Caller;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.integrationshub.common.domain.Conflict;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.error.Failures;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.common.web.Versions;
import io.integrationshub.common.domain.FieldCheck;
import io.integrationshub.projects.ProjectViews.AddCollaborators;
import io.integrationshub.projects.ProjectViews.CollaboratorView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Collaborators of a project (API.md 9). Every change locks the project row first, so changes of one
 * project's collaborators apply one after another and the last-owner rule holds under concurrency.
 */
@ApplicationScoped
public class CollaboratorService {
    static final String TARGET_TYPE = "collaborator";
    static final int MAX_MEMBER_ID_LENGTH = 255;

    private final CollaboratorRepository collaborators;
    private final ProjectRepository projects;
    private final ProjectAccess projectAccess;
    private final AuditLog audit;

    public CollaboratorService(CollaboratorRepository collaborators, ProjectRepository projects,
            ProjectAccess projectAccess, AuditLog audit) {
        this.collaborators = collaborators;
        this.projects = projects;
        this.projectAccess = projectAccess;
        this.audit = audit;
    }

    /** The creating user becomes the project's owner, with the profile of the token they called with. */
    Uni<Void> addCreator(Caller caller, Project project) {
        ProjectCollaborator owner = newCollaborator(project.id, caller.id(), CollaboratorRole.OWNER);
        if (caller.profile() != null) {
            owner.name = caller.profile().name();
            owner.displayName = caller.profile().preferredUsername();
            owner.avatar = caller.profile().picture();
        }
        return collaborators.persist(owner).call(saved -> recordAdded(caller, project, saved)).replaceWithVoid();
    }

    @WithSession
    public Uni<PageResponse<CollaboratorView>> list(Caller caller, UUID projectId, String role, PageRequest page) {
        return projectAccess.require(caller, projectId, ProjectRight.READ)
                .flatMap(project -> collaborators.page(projectId, role, page))
                .map(rows -> PageResponse.of(page, rows, c -> c.createdAt, c -> c.id, CollaboratorView::of));
    }

    @WithSession
    public Uni<CollaboratorView> get(Caller caller, UUID projectId, String memberId) {
        return projectAccess.require(caller, projectId, ProjectRight.READ)
                .flatMap(project -> collaborators.find(projectId, memberId))
                .map(c -> {
                    if (c == null) {
                        throw new NotFound("no such collaborator");
                    }
                    return CollaboratorView.of(c);
                });
    }

    /** Adds every member or none: one already present is 409 naming them. */
    @WithTransaction
    public Uni<List<CollaboratorView>> add(Caller caller, UUID projectId, AddCollaborators body) {
        FieldCheck.of(body);
        return projectAccess.requireForUpdate(caller, projectId, ProjectRight.MANAGE_COLLABORATORS).flatMap(project -> {
            CollaboratorRole role = validate(body);
            List<String> memberIds = body.memberIds();
            return collaborators.findAll(projectId, memberIds).flatMap(present -> {
                if (!present.isEmpty()) {
                    String names = present.stream().map(c -> c.accountId).sorted().collect(Collectors.joining(", "));
                    return Uni.createFrom().failure(new Conflict("already collaborators of this project: " + names));
                }
                return MemberProfile.<MemberProfile>list("accountId in ?1", memberIds).flatMap(profiles -> {
                    Map<String, MemberProfile> byId = profiles.stream()
                            .collect(Collectors.toMap(p -> p.accountId, Function.identity()));
                    List<ProjectCollaborator> added = memberIds.stream().map(id -> {
                        ProjectCollaborator c = newCollaborator(projectId, id, role);
                        MemberProfile profile = byId.get(id);
                        if (profile != null) {
                            c.name = profile.name;
                            c.displayName = profile.displayName;
                            c.avatar = profile.avatar;
                        }
                        return c;
                    }).toList();
                    // One after the other: a session is not used concurrently.
                    return Multi.createFrom().iterable(added)
                            .onItem().transformToUniAndConcatenate(c -> collaborators.persist(c)
                                    .call(saved -> recordAdded(caller, project, saved)))
                            .collect().asList()
                            .call(collaborators::flush)
                            .onFailure(e -> Failures.isUniqueViolation(e, null))
                            .transform(e -> new Conflict("a member was added concurrently; retry"))
                            .map(list -> list.stream().map(CollaboratorView::of).toList());
                });
            });
        });
    }

    /** Changes a collaborator's role; demoting the last owner is 409. */
    @WithTransaction
    public Uni<CollaboratorView> changeRole(Caller caller, UUID projectId, String memberId, String ifMatch,
            ProjectViews.UpdateCollaborator body) {
        FieldCheck check = FieldCheck.of(body);
        return projectAccess.precheck(caller, projectId, ProjectRight.MANAGE_COLLABORATORS).flatMap(ok -> {
            check.required("/role", body.role());
            CollaboratorRole role = body.role() == null ? null : CollaboratorRole.fromWireName(body.role()).orElse(null);
            if (body.role() != null && role == null) {
                check.add("/role", "must be one of " + CollaboratorRole.WIRE_NAMES);
            }
            check.orThrow();
            boolean demotes = role != CollaboratorRole.OWNER;
            return lockedTarget(caller, projectId, memberId, ifMatch, demotes ? "demote" : null).flatMap(locked -> {
                ProjectCollaborator target = locked.target();
                if (target.role.equals(role.wireName)) {
                    return Uni.createFrom().item(CollaboratorView.of(target));
                }
                // Only the role changed (API.md 8: changes are {field: {from, to}}); which collaborator is the target.
                Changes changes = Changes.of().field("role", target.role, role.wireName);
                target.role = role.wireName;
                return audit.record(caller, locked.project().organisationId, "collaborator.updated", TARGET_TYPE,
                                target.id, changes)
                        .call(collaborators::flush)
                        .map(ignored -> CollaboratorView.of(target));
            });
        });
    }

    /** Removes a collaborator; removing the last owner is 409. */
    @WithTransaction
    public Uni<Void> remove(Caller caller, UUID projectId, String memberId, String ifMatch) {
        return projectAccess.precheck(caller, projectId, ProjectRight.MANAGE_COLLABORATORS)
                .flatMap(ok -> lockedTarget(caller, projectId, memberId, ifMatch, "remove"))
                .flatMap(locked -> {
                    ProjectCollaborator target = locked.target();
                    return HardDelete.byId(ProjectCollaborator.class, target.id, target)
                            .call(() -> audit.record(caller, locked.project().organisationId, "collaborator.removed",
                                    TARGET_TYPE, target.id, Changes.of().field("account_id", target.accountId, null)
                                            .field("role", target.role, null).field("project_id", projectId.toString(), null)))
                            .call(collaborators::flush)
                            .replaceWithVoid();
                });
    }

    private record Locked(Project project, ProjectCollaborator target) {
    }

    /**
     * After {@link ProjectAccess#precheck} (the right as the request arrived): locks the project, so a
     * concurrent change of its collaborators has committed or not begun, then applies the last-owner
     * rule to what is there now (409 when {@code ownerLeaving} names what would take the last owner
     * away), and then checks the caller's right again, since a concurrent change may have taken it. If-Match is
     * checked once the collaborator is known to exist, before the last-owner rule: collaborators carry no version,
     * so only "*" applies ({@link Versions#checkIfMatchUnversioned}).
     */
    private Uni<Locked> lockedTarget(Caller caller, UUID projectId, String memberId, String ifMatch, String ownerLeaving) {
        return projects.findForUpdate(projectId).flatMap(project -> {
            if (project == null) {
                return Uni.createFrom().failure(new NotFound("no such project"));
            }
            return collaborators.findForUpdate(projectId, memberId).flatMap(target -> {
                if (target == null) {
                    return Uni.createFrom().failure(new NotFound("no such collaborator"));
                }
                Versions.checkIfMatchUnversioned(ifMatch);
                Uni<Void> rule = ownerLeaving == null ? Uni.createFrom().voidItem() : requireAnotherOwner(target, ownerLeaving);
                return rule.flatMap(ok -> projectAccess.check(caller, project, ProjectRight.MANAGE_COLLABORATORS))
                        .map(checked -> new Locked(project, target));
            });
        });
    }

    /** 409 when the target is an owner and no other owner remains. */
    private Uni<Void> requireAnotherOwner(ProjectCollaborator target, String what) {
        if (!CollaboratorRole.OWNER.wireName.equals(target.role)) {
            return Uni.createFrom().voidItem();
        }
        return collaborators.countOwners(target.projectId).map(owners -> {
            if (owners <= 1) {
                throw new Conflict("cannot " + what + " the last owner of the project; make another member owner first");
            }
            return owners;
        }).replaceWithVoid();
    }

    private static CollaboratorRole validate(AddCollaborators body) {
        FieldCheck check = new FieldCheck().required("/member_ids", body.memberIds()).required("/role", body.role());
        CollaboratorRole role = body.role() == null ? null : CollaboratorRole.fromWireName(body.role()).orElse(null);
        if (body.role() != null && role == null) {
            check.add("/role", "must be one of " + CollaboratorRole.WIRE_NAMES);
        }
        List<String> ids = body.memberIds();
        if (ids != null) {
            if (ids.isEmpty() || ids.size() > 100) {
                check.add("/member_ids", "must hold 1 to 100 member ids");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (id == null || id.isBlank()) {
                    check.add("/member_ids/" + i, "must be a non-blank member id");
                } else if (id.length() > MAX_MEMBER_ID_LENGTH) {
                    check.add("/member_ids/" + i, "must be at most " + MAX_MEMBER_ID_LENGTH + " characters");
                } else if (!seen.add(id)) {
                    check.add("/member_ids/" + i, "is given twice");
                }
            }
        }
        check.orThrow();
        return role;
    }

    private static ProjectCollaborator newCollaborator(UUID projectId, String accountId, CollaboratorRole role) {
        ProjectCollaborator c = new ProjectCollaborator();
        c.id = Ids.newId();
        c.projectId = projectId;
        c.accountId = accountId;
        c.role = role.wireName;
        c.createdAt = Times.now();
        return c;
    }

    private Uni<Void> recordAdded(Caller caller, Project project, ProjectCollaborator c) {
        return audit.record(caller, project.organisationId, "collaborator.added", TARGET_TYPE, c.id,
                Changes.of().field("account_id", null, c.accountId).field("role", null, c.role)
                        .field("project_id", null, project.id.toString())).replaceWithVoid();
    }
}
