package io.integrationshub.jobs.bench;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobQueue;
import io.integrationshub.jobs.api.NewJob;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Enqueues the way services do: inside their own transaction. */
@ApplicationScoped
public class BenchJobs {
    final JobQueue queue;

    public BenchJobs(JobQueue queue) {
        this.queue = queue;
    }

    @WithTransaction
    public Uni<Job> enqueue(NewJob job) {
        return queue.enqueue(job);
    }

    /** Many jobs in one transaction, with the bulk statement (one per 1,000 jobs). */
    @WithTransaction
    public Uni<List<Job>> enqueueAll(List<NewJob> jobs) {
        return queue.enqueueAll(jobs);
    }
}
