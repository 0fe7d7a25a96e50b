package io.integrationshub.jobs.bench;

import io.integrationshub.jobs.Job;
import io.integrationshub.jobs.JobQueue;
import io.integrationshub.jobs.NewJob;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
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

    @WithTransaction
    public Uni<List<Job>> enqueueAll(List<NewJob> jobs) {
        return Multi.createFrom().iterable(jobs).onItem().transformToUniAndConcatenate(queue::enqueue).collect().asList();
    }
}
