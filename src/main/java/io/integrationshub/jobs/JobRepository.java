package io.integrationshub.jobs;

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

    public Uni<List<Job>> page(UUID organisationId, String type, JobStatus status, UUID targetId, PageRequest page) {
        StringBuilder query = new StringBuilder("organisationId = :org");
        Parameters params = Parameters.with("org", organisationId);
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
