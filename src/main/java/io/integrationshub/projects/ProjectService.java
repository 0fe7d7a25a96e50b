package io.integrationshub.projects;

import io.integrationshub.common.db.HardDelete;

import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.integrationshub.common.domain.Conflict;
import io.integrationshub.common.domain.Forbidden;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.common.domain.FieldCheck;
import io.integrationshub.common.web.Versions;
import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobQueue;
import io.integrationshub.jobs.api.JobStatus;
import io.integrationshub.jobs.api.JobTypes;
import io.integrationshub.jobs.api.NewJob;
import io.integrationshub.orgs.OrganisationService;
import io.integrationshub.projects.ProjectViews.ProjectView;
import io.integrationshub.projects.ProjectViews.ProjectWrite;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Projects of an organisation (API.md 9): CRUD, and the cloud connection with disconnect as a job. */
@ApplicationScoped
public class ProjectService {
    public static final String TARGET_TYPE = "project";
    private static final Pattern ICON = Pattern.compile(ProjectViews.ICON_PATTERN);
    private static final Pattern EXTERNAL_ID = Pattern.compile(ProjectViews.EXTERNAL_ID_PATTERN);

    private final ProjectRepository projects;
    private final CollaboratorService collaborators;
    private final ProjectAccess projectAccess;
    private final OrganisationService organisations;
    private final AccessControl access;
    private final AuditLog audit;
    private final JobQueue jobs;
    /** Notifications hook: a project's pending notification.deliver jobs go with it. */
    @jakarta.inject.Inject
    io.integrationshub.notifications.DeliveryJobs notificationJobs;

    public ProjectService(ProjectRepository projects, CollaboratorService collaborators, ProjectAccess projectAccess,
            OrganisationService organisations, AccessControl access, AuditLog audit, JobQueue jobs) {
        this.projects = projects;
        this.collaborators = collaborators;
        this.projectAccess = projectAccess;
        this.organisations = organisations;
        this.access = access;
        this.audit = audit;
        this.jobs = jobs;
    }

    /** The check of create; the resource calls it before the idempotency lookup. */
    public void authoriseCreate(Caller caller, UUID organisationId) {
        access.require(caller, organisationId, Permission.ORG_PROJECT_EDIT);
    }

    /** Creates the project; a calling user becomes its owner collaborator in the same transaction. */
    @WithTransaction
    public Uni<ProjectView> create(Caller caller, UUID organisationId, ProjectWrite body) {
        authoriseCreate(caller, organisationId);
        validate(body);
        return organisations.requireExisting(organisationId).flatMap(org -> {
            Project project = new Project();
            project.id = Ids.newId();
            project.organisationId = organisationId;
            apply(project, body);
            project.cloudConnection = Project.DISCONNECTED;
            project.createdAt = Times.now();
            project.updatedAt = project.createdAt;
            project.version = 1;
            return projects.persist(project)
                    .call(saved -> audit.record(caller, organisationId, "project.created", TARGET_TYPE, saved.id,
                            fields(Changes.of(), null, saved).field("cloud_connection", null, saved.cloudConnection)))
                    .call(saved -> caller.kind() == Caller.Kind.USER ? collaborators.addCreator(caller, saved)
                            : Uni.createFrom().voidItem())
                    .call(projects::flush)
                    .map(ProjectView::of);
        });
    }

    /** All projects with org.project.read, else the caller's own: this scope binds the list's cursor too. */
    public String listScope(Caller caller, UUID organisationId) {
        return caller.can(organisationId, Permission.ORG_PROJECT_READ) ? "all" : "member:" + caller.id();
    }

    /**
     * With org.project.read: every project of the organisation. Without it: the projects the caller
     * collaborates on; a caller with neither a role in the organisation nor a collaboration there gets 404.
     */
    @WithSession
    public Uni<PageResponse<ProjectView>> list(Caller caller, UUID organisationId, PageRequest page) {
        if (caller.can(organisationId, Permission.ORG_PROJECT_READ)) {
            return organisations.requireExisting(organisationId)
                    .flatMap(org -> projects.page(organisationId, page))
                    .map(rows -> PageResponse.of(page, rows, p -> p.createdAt, p -> p.id, ProjectView::of));
        }
        if (caller.kind() != Caller.Kind.USER) {
            return Uni.createFrom().failure(caller.isMemberOf(organisationId)
                    ? new Forbidden("the caller lacks the org.project.read permission in this organisation")
                    : new NotFound("no such organisation"));
        }
        Uni<Boolean> visible = caller.isMemberOf(organisationId) ? Uni.createFrom().item(true)
                : projects.isCollaboratorInOrganisation(organisationId, caller.id());
        return visible.flatMap(yes -> {
            if (!yes) {
                return Uni.createFrom().failure(new NotFound("no such organisation"));
            }
            return projects.pageForMember(organisationId, caller.id(), page)
                    .map(rows -> PageResponse.of(page, rows, p -> p.createdAt, p -> p.id, ProjectView::of));
        });
    }

    @WithSession
    public Uni<ProjectView> get(Caller caller, UUID projectId) {
        return projectAccess.require(caller, projectId, ProjectRight.READ).map(ProjectView::of);
    }

    /** Replaces the whole project: optional fields left out become null. */
    @WithTransaction
    public Uni<ProjectView> replace(Caller caller, UUID projectId, String ifMatch, ProjectWrite body) {
        FieldCheck.of(body);
        return projectAccess.requireForUpdate(caller, projectId, ProjectRight.EDIT).flatMap(project -> {
            Versions.checkIfMatch(ifMatch, project.version);
            validate(body);
            Changes changes = fields(Changes.of(), project, body.name().trim(), body.description(), body.icon(),
                    body.repoId(), body.defaultEnvironmentId());
            if (changes.isEmpty()) {
                return Uni.createFrom().item(ProjectView.of(project));
            }
            apply(project, body);
            project.touch();
            return audit.record(caller, project.organisationId, "project.updated", TARGET_TYPE, project.id, changes)
                    .call(projects::flush)
                    .map(ignored -> ProjectView.of(project));
        });
    }

    /** Deletes the project with its queued jobs; collaborators and notification integrations go by cascade. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID projectId, String ifMatch) {
        return projectAccess.requireForUpdate(caller, projectId, ProjectRight.EDIT).flatMap(project -> {
            Versions.checkIfMatch(ifMatch, project.version);
            return jobs.deletePending(TARGET_TYPE, project.id)
                    .call(() -> notificationJobs.deletePendingOfProject(project.id))
                    .call(() -> HardDelete.byId(Project.class, project.id, project))
                    .call(() -> audit.record(caller, project.organisationId, "project.deleted", TARGET_TYPE, project.id,
                            Changes.of().field("name", project.name, null)))
                    .call(projects::flush)
                    .replaceWithVoid();
        });
    }

    /**
     * Connected stays connected (200, no change). A project still disconnecting can only be connected
     * again once its disconnect job has gone (cancelled or deleted): 409 while one is queued or running.
     */
    @WithTransaction
    public Uni<ProjectView> connect(Caller caller, UUID projectId) {
        return projectAccess.requireForUpdate(caller, projectId, ProjectRight.EDIT).flatMap(project -> {
            if (Project.CONNECTED.equals(project.cloudConnection)) {
                return Uni.createFrom().item(ProjectView.of(project));
            }
            Uni<Boolean> disconnectActive = Project.DISCONNECTING.equals(project.cloudConnection)
                    ? Job.count("type = ?1 and targetType = ?2 and targetId = ?3 and status in ?4", JobTypes.PROJECT_DISCONNECT,
                            TARGET_TYPE, project.id, List.of(JobStatus.QUEUED, JobStatus.RUNNING)).map(n -> n > 0)
                    : Uni.createFrom().item(false);
            return disconnectActive.flatMap(active -> {
                if (active) {
                    return Uni.createFrom().<ProjectView>failure(
                            new Conflict("the project is disconnecting; wait for its disconnect job to finish"));
                }
                return changeConnection(caller, project, Project.CONNECTED, "project.connected", null)
                        .map(ignored -> ProjectView.of(project));
            });
        });
    }

    /** Marks the project disconnecting and queues its project.disconnect job, in one transaction. */
    @WithTransaction
    public Uni<Job> disconnect(Caller caller, UUID projectId) {
        return projectAccess.requireForUpdate(caller, projectId, ProjectRight.EDIT).flatMap(project -> {
            if (!Project.CONNECTED.equals(project.cloudConnection)) {
                return Uni.createFrom().failure(new Conflict("the project is already " + project.cloudConnection));
            }
            return jobs.enqueue(NewJob.of(project.organisationId, JobTypes.PROJECT_DISCONNECT, TARGET_TYPE, project.id)
                            .withDedupeKey(JobTypes.PROJECT_DISCONNECT + ":" + project.id))
                    .call(job -> changeConnection(caller, project, Project.DISCONNECTING, "project.disconnect_requested", job));
        });
    }

    private Uni<Void> changeConnection(Caller caller, Project project, String to, String action, Job job) {
        Changes changes = Changes.of().field("cloud_connection", project.cloudConnection, to);
        if (job != null) {
            changes.field("disconnect_job_id", null, job.id.toString());
        }
        project.cloudConnection = to;
        project.touch();
        return audit.record(caller, project.organisationId, action, TARGET_TYPE, project.id, changes)
                .call(projects::flush).replaceWithVoid();
    }

    static void validate(ProjectWrite body) {
        FieldCheck check = FieldCheck.of(body).text("/name", body.name(), true, 100)
                .optionalText("/description", body.description(), 1000);
        if (body.icon() != null && !ICON.matcher(body.icon()).matches()) {
            check.add("/icon", "must match " + ProjectViews.ICON_PATTERN + ", e.g. emoji:rocket");
        }
        externalId(check, "/repo_id", body.repoId());
        externalId(check, "/default_environment_id", body.defaultEnvironmentId());
        check.orThrow();
    }

    private static void externalId(FieldCheck check, String pointer, String value) {
        if (value != null && !EXTERNAL_ID.matcher(value).matches()) {
            check.add(pointer, "must be a 22-character base58 id, a UUID or 32 hex digits");
        }
    }

    private static void apply(Project project, ProjectWrite body) {
        project.name = body.name().trim();
        project.description = body.description();
        project.icon = body.icon();
        project.repoId = body.repoId();
        project.defaultEnvironmentId = body.defaultEnvironmentId();
    }

    private static Changes fields(Changes changes, Project before, Project after) {
        return fields(changes, before, after.name, after.description, after.icon, after.repoId, after.defaultEnvironmentId);
    }

    private static Changes fields(Changes changes, Project before, String name, String description, String icon,
            String repoId, String defaultEnvironmentId) {
        return changes.field("name", before == null ? null : before.name, name)
                .field("description", before == null ? null : before.description, description)
                .field("icon", before == null ? null : before.icon, icon)
                .field("repo_id", before == null ? null : before.repoId, repoId)
                .field("default_environment_id", before == null ? null : before.defaultEnvironmentId, defaultEnvironmentId);
    }
}
