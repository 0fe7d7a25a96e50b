package io.integrationshub.jobs;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobQueue;
import io.integrationshub.jobs.api.NewJob;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** A stand-in for the services that enqueue jobs in their own transactions. */
@ApplicationScoped
public class TestJobs {
    final JobQueue queue;

    public TestJobs(JobQueue queue) {
        this.queue = queue;
    }

    @WithTransaction
    public Uni<Job> enqueue(NewJob job) {
        return queue.enqueue(job);
    }

    /** Enqueues in one transaction, one after the other (a session is not to be used concurrently). */
    @WithTransaction
    public Uni<List<Job>> enqueueAll(List<NewJob> jobs) {
        return Multi.createFrom().iterable(jobs).onItem().transformToUniAndConcatenate(queue::enqueue).collect().asList();
    }

    /** Enqueues with one statement ({@link JobQueue#enqueueAll}). */
    @WithTransaction
    public Uni<List<Job>> enqueueBulk(List<NewJob> jobs) {
        return queue.enqueueAll(jobs);
    }

    /** Bulk-enqueues, then the "change" fails. */
    @WithTransaction
    public Uni<List<Job>> enqueueBulkThenFail(List<NewJob> jobs) {
        return queue.enqueueAll(jobs).invoke(made -> {
            throw new IllegalStateException("the change failed after enqueueing " + made.size() + " jobs");
        });
    }

    /** Enqueues, then the "change" fails: the transaction rolls back and takes the job with it. */
    @WithTransaction
    public Uni<Job> enqueueThenFail(NewJob job) {
        return queue.enqueue(job).invoke(j -> {
            throw new IllegalStateException("the change failed after enqueueing " + j.id);
        });
    }
}
