package io.integrationshub.jobs;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobStatus;
import io.integrationshub.jobs.api.JobTypes;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.Where;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<Job, UUID> {

    /**
     * A page of the organisation's jobs, leaving out the documented types in {@code hiddenTypes} and,
     * unless {@code otherTypesVisible}, every type that is not documented.
     */
    public Uni<List<Job>> page(UUID organisationId, String type, JobStatus status, UUID targetId, List<String> hiddenTypes,
            boolean otherTypesVisible, PageRequest page) {
        Where where = Where.of("organisationId = :org", "org", organisationId);
        if (!hiddenTypes.isEmpty()) {
            where.and("type not in :hidden", "hidden", hiddenTypes);
        }
        if (!otherTypesVisible) {
            where.and("type in :documented", "documented", JobTypes.DOCUMENTED);
        }
        return page.fetch(this, where.equalIfGiven("type", type).equalIfGiven("status", status)
                .equalIfGiven("targetId", targetId));
    }

    /** Loads the job locked for update, so a cancel and a worker's claim apply one after the other. */
    public Uni<Job> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
