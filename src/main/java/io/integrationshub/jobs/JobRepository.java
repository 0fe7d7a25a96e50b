package io.integrationshub.jobs;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobStatus;
import io.integrationshub.jobs.api.JobTypes;
import io.integrationshub.common.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
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
        StringBuilder query = new StringBuilder("organisationId = :org");
        Parameters params = Parameters.with("org", organisationId);
        if (!hiddenTypes.isEmpty()) {
            query.append(" and type not in :hidden");
            params.and("hidden", hiddenTypes);
        }
        if (!otherTypesVisible) {
            query.append(" and type in :documented");
            params.and("documented", JobTypes.DOCUMENTED);
        }
        if (type != null) {
            query.append(" and type = :type");
            params.and("type", type);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (targetId != null) {
            query.append(" and targetId = :targetId");
            params.and("targetId", targetId);
        }
        query.append(page.keysetCondition("createdAt", "id"));
        return find(query.toString(), page.sort("createdAt", "id"), page.bind(params)).range(0, page.fetchSize() - 1).list();
    }

    /** Loads the job locked for update, so a cancel and a worker's claim apply one after the other. */
    public Uni<Job> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
