package io.integrationshub.jobs;

import io.integrationshub.common.domain.Conflict;
import io.integrationshub.common.domain.Forbidden;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobStatus;
import io.integrationshub.jobs.api.JobTargetAccess;
import io.integrationshub.jobs.api.JobTypes;
import io.integrationshub.jobs.api.JobView;
import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.common.Times;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.orgs.OrganisationService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reading and cancelling jobs through the API; running them is {@link JobEngine}'s business. */
@ApplicationScoped
public class JobService {
    private final JobRepository jobs;
    private final OrganisationService organisations;
    private final AccessControl access;
    private final AuditLog audit;
    private final Map<String, JobTargetAccess> targetAccess;

    public JobService(JobRepository jobs, OrganisationService organisations, AccessControl access, AuditLog audit,
            @Any Instance<JobTargetAccess> targetAccess) {
        this.jobs = jobs;
        this.organisations = organisations;
        this.access = access;
        this.audit = audit;
        this.targetAccess = targetAccess.stream().collect(Collectors.toMap(JobTargetAccess::targetType, t -> t));
    }

    /** What a cancel did: cancelled at once (it was queued) or asked the running worker to stop. */
    public record CancelResult(JobView job, boolean immediate) {
    }

    /** The job; 404 when it does not exist or the caller has no role in its organisation. */
    @WithSession
    public Uni<JobView> get(Caller caller, UUID jobId) {
        return jobs.findById(jobId).flatMap(job -> requireOnTarget(caller, job, false).map(ok -> JobView.of(job)));
    }

    /** The first check of list; the resource calls it before it validates the query (a stranger learns nothing). */
    public void authoriseList(Caller caller, UUID organisationId) {
        if (!caller.isMemberOf(organisationId)) {
            throw new NotFound("no such organisation");
        }
    }

    @WithSession
    public Uni<PageResponse<JobView>> list(Caller caller, UUID organisationId, String type, JobStatus status, UUID targetId,
            PageRequest page) {
        authoriseList(caller, organisationId);
        // Each job needs read permission on its target: list only the types the caller may read.
        List<String> hidden = JobTypes.DOCUMENTED.stream()
                .filter(t -> !caller.can(organisationId, JobTypes.readPermission(t))).toList();
        boolean otherTypesVisible = caller.can(organisationId, Permission.ORG_READ);
        if (hidden.size() == JobTypes.DOCUMENTED.size()
                || (type != null && !caller.can(organisationId, JobTypes.readPermission(type)))) {
            throw new Forbidden("the caller may not read these jobs");
        }
        return organisations.requireExisting(organisationId)
                .flatMap(org -> jobs.page(organisationId, type, status, targetId, hidden, otherTypesVisible, page))
                .map(rows -> PageResponse.of(page, rows, j -> j.createdAt, j -> j.id, JobView::of));
    }

    /**
     * Queued: cancelled at once. Running: flagged; the worker's next heartbeat (within lease / 3)
     * stops the attempt and marks the job cancelled, unless it finishes first. Finished: 409.
     */
    @WithTransaction
    public Uni<CancelResult> cancel(Caller caller, UUID jobId) {
        return jobs.findForUpdate(jobId).flatMap(job -> requireOnTarget(caller, job, true).flatMap(ok -> {
            if (job.isFinished()) {
                return Uni.createFrom().failure(new Conflict("the job has already finished (" + job.status.wireName + ")"));
            }
            JobStatus before = job.status;
            job.updatedAt = Times.now();
            boolean immediate = job.status == JobStatus.QUEUED;
            if (immediate) {
                job.status = JobStatus.CANCELLED;
                job.finishedAt = job.updatedAt;
            } else if (job.cancelRequested) {
                return Uni.createFrom().item(new CancelResult(JobView.of(job), false));
            } else {
                job.cancelRequested = true;
            }
            Changes changes = immediate ? Changes.of().field("status", before.wireName, job.status.wireName)
                    : Changes.of().field("cancel_requested", false, true);
            return audit.record(caller, job.organisationId, immediate ? "job.cancelled" : "job.cancel_requested", "job",
                            job.id, changes)
                    .call(jobs::flush)
                    .map(ignored -> new CancelResult(JobView.of(job), immediate));
        }));
    }

    /**
     * The organisation permission of the job's type; without it, the feature owning the job's target
     * may still grant access (a project's collaborators and its jobs).
     */
    private Uni<Boolean> requireOnTarget(Caller caller, Job job, boolean edit) {
        if (job == null) {
            return Uni.createFrom().failure(new NotFound("no such job"));
        }
        Permission needed = edit ? JobTypes.editPermission(job.type) : JobTypes.readPermission(job.type);
        JobTargetAccess target = targetAccess.get(job.targetType);
        if (target != null && !caller.can(job.organisationId, needed)) {
            return target.require(caller, job.targetId, edit)
                    .onFailure(NotFound.class)
                    .transform(e -> new NotFound("no such job"))
                    .replaceWith(true);
        }
        requireVisible(caller, job);
        access.require(caller, job.organisationId, needed);
        return Uni.createFrom().item(true);
    }

    private static void requireVisible(Caller caller, Job job) {
        if (job == null || !caller.isMemberOf(job.organisationId)) {
            throw new NotFound("no such job");
        }
    }
}
