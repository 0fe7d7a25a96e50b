package io.integrationshub.jobs;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobQueue;
import io.integrationshub.jobs.api.JobStatus;
import io.integrationshub.jobs.api.NewJob;
import io.integrationshub.common.Ids;
import io.integrationshub.support.Fixtures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.integrationshub.jobs.JobFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Enqueueing: in the caller's transaction, deduplicated, validated. */
@QuarkusTest
class JobQueueTest {
    @Inject
    TestJobs jobs;
    @Inject
    JobQueue queue;
    @Inject
    Pool pool;
    @Inject
    JobProbe probe;

    @Test
    void enqueuedJobIsStoredQueuedAndThenRuns() {
        UUID org = Fixtures.organisation();
        UUID target = Ids.newId();
        Job job = enqueue(jobs, NewJob.of(org, "test.noop", "integration", target)
                .withPayload(json("{\"page\": 1}")));
        assertThat(job.status).isEqualTo(JobStatus.QUEUED);
        assertThat(job.organisationId).isEqualTo(org);
        assertThat(job.targetType).isEqualTo("integration");
        assertThat(job.targetId).isEqualTo(target);
        assertThat(job.attempts).isZero();
        assertThat(job.maxAttempts).isEqualTo(JobHandler.DEFAULT_MAX_ATTEMPTS);
        assertThat(job.payload.path("page").asInt()).isEqualTo(1);

        Job done = awaitStatus(pool, job.id, JobStatus.SUCCEEDED);
        assertThat(done.attempts).isEqualTo(1);
        assertThat(done.result.path("attempt").asInt()).isEqualTo(1);
        assertThat(done.error).isNull();
        assertThat(done.startedAt).isNotNull();
        assertThat(done.finishedAt).isAfterOrEqualTo(done.startedAt);
        assertThat(done.leaseOwner).isNull();
        assertThat(probe.runs(job.id)).isEqualTo(1);
    }

    @Test
    void rolledBackChangeLeavesNoJob() {
        UUID org = Fixtures.organisation();
        UUID target = Ids.newId();
        assertThatThrownBy(() -> onVertx(() -> jobs.enqueueThenFail(NewJob.of(org, "test.noop", "integration", target))))
                .hasMessageContaining("the change failed");
        assertThat(count(pool, "target_id = $1", target)).isZero();
    }

    @Test
    void enqueueOutsideATransactionIsRefused() {
        UUID org = Fixtures.organisation();
        assertThatThrownBy(() -> onVertx(() -> Panache.withSession(() -> queue.enqueue(job(org, "test.noop")))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("@WithTransaction");
    }

    @Test
    void invalidJobsAndSecretsInPayloadsAreRefused() {
        UUID org = Fixtures.organisation();
        assertThatThrownBy(() -> enqueue(jobs, job(org, "Not A Type"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> enqueue(jobs, job(org, "test.noop").withMaxAttempts(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> enqueue(jobs, job(org, "test.noop").withPayload(json("{\"options\": {\"Token\": \"x\"}}"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/options/Token");
        assertThatThrownBy(() -> enqueue(jobs, job(org, "test.noop").withPayload(json("{\"ids\": [\"iht_abc\"]}"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/ids/0");
    }

    @Test
    void sameDedupeKeyReturnsTheActiveJob() {
        UUID org = Fixtures.organisation();
        String key = "test.noop:" + Ids.newId();
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS);
        Job first = enqueue(jobs, job(org, "test.noop").withDedupeKey(key).withRunAt(later));
        Job second = enqueue(jobs, job(org, "test.noop").withDedupeKey(key).withRunAt(later));
        assertThat(second.id).isEqualTo(first.id);
        assertThat(count(pool, "dedupe_key = $1", key)).isEqualTo(1);

        // Once the job is finished the key is free again.
        sql(pool, "update jobs set status = 'cancelled', finished_at = now() where id = $1", first.id);
        Job third = enqueue(jobs, job(org, "test.noop").withDedupeKey(key));
        assertThat(third.id).isNotEqualTo(first.id);
        awaitStatus(pool, third.id, JobStatus.SUCCEEDED);
        assertThat(count(pool, "dedupe_key = $1", key)).isEqualTo(2);
    }

    @Test
    void concurrentEnqueuesWithOneDedupeKeyMakeOneJob() throws Exception {
        UUID org = Fixtures.organisation();
        String key = "test.noop:" + Ids.newId();
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS);
        int n = 8;
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Job>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Job> call = () -> {
                    go.await();
                    return enqueue(jobs, job(org, "test.noop").withDedupeKey(key).withRunAt(later));
                };
                results.add(threads.submit(call));
            }
            go.countDown();
            List<UUID> ids = new ArrayList<>();
            for (Future<Job> f : results) {
                ids.add(f.get().id);
            }
            assertThat(ids).hasSize(n).containsOnly(ids.get(0));
            assertThat(count(pool, "dedupe_key = $1", key)).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void enqueueInOneTransactionWithAFutureRunAtWaits() {
        UUID org = Fixtures.organisation();
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        List<Job> made = onVertx(() -> jobs.enqueueAll(List.of(job(org, "test.noop").withRunAt(later).withMaxAttempts(2),
                job(org, "test.noop").withRunAt(later))));
        assertThat(made).hasSize(2);
        assertThat(made.get(0).runAt).isEqualTo(later);
        assertThat(made.get(0).maxAttempts).isEqualTo(2);
        sleep(1200);
        assertThat(load(pool, made.get(0).id).status).isEqualTo(JobStatus.QUEUED);
        assertThat(probe.runs(made.get(0).id)).isZero();
    }

    @Test
    void enqueueAllInsertsInOrderAndKeepsTheDedupeRule() {
        UUID org = Fixtures.organisation();
        String held = "test.noop:" + Ids.newId();
        String shared = "test.noop:" + Ids.newId();
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        Job existing = enqueue(jobs, job(org, "test.noop").withDedupeKey(held).withRunAt(later));

        List<Job> made = onVertx(() -> jobs.enqueueBulk(List.of(
                job(org, "test.noop").withRunAt(later).withPayload(json("{\"n\": 0}")),
                job(org, "test.noop").withRunAt(later).withDedupeKey(held),
                job(org, "test.noop").withRunAt(later).withDedupeKey(shared).withMaxAttempts(2),
                job(org, "test.noop").withRunAt(later).withDedupeKey(shared),
                job(org, "test.noop").withRunAt(later).withPayload(json("{\"n\": 4}")))));

        assertThat(made).hasSize(5);
        assertThat(made.get(0).payload.path("n").asInt()).isZero();
        assertThat(made.get(0).runAt).isEqualTo(later);
        assertThat(made.get(1).id).isEqualTo(existing.id);
        assertThat(made.get(3).id).isEqualTo(made.get(2).id);
        assertThat(made.get(2).maxAttempts).isEqualTo(2);
        assertThat(made.get(4).payload.path("n").asInt()).isEqualTo(4);
        assertThat(count(pool, "organisation_id = $1", org)).isEqualTo(4);
        assertThat(count(pool, "dedupe_key = $1", shared)).isEqualTo(1);
    }

    @Test
    void bulkEnqueuedJobsAreTransactionalValidatedTogetherAndRun() {
        UUID org = Fixtures.organisation();
        List<NewJob> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(job(org, "test.noop"));
        }
        assertThatThrownBy(() -> onVertx(() -> jobs.enqueueBulkThenFail(batch))).hasMessageContaining("the change failed");
        List<NewJob> withInvalid = new ArrayList<>(batch);
        withInvalid.add(job(org, "test.noop").withPayload(json("{\"password\": \"x\"}")));
        assertThatThrownBy(() -> onVertx(() -> jobs.enqueueBulk(withInvalid))).isInstanceOf(IllegalArgumentException.class);
        assertThat(count(pool, "organisation_id = $1", org)).isZero();

        List<Job> made = onVertx(() -> jobs.enqueueBulk(batch));
        assertThat(made).hasSize(200).extracting(j -> j.id).doesNotHaveDuplicates();
        for (Job job : made) {
            awaitStatus(pool, job.id, JobStatus.SUCCEEDED);
        }
        assertThat(made).allSatisfy(job -> assertThat(probe.runs(job.id)).isEqualTo(1));
    }

    @Test
    void deletePendingRemovesATargetsQueuedJobsAndStopsItsRunningOnes() {
        UUID org = Fixtures.organisation();
        UUID target = Ids.newId();
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS);
        Job queued = enqueue(jobs, NewJob.of(org, "test.noop", "widget", target).withRunAt(later));
        Job running = enqueue(jobs, NewJob.of(org, "test.gate", "widget", target));
        Job other = enqueue(jobs, NewJob.of(org, "test.noop", "widget", Ids.newId()).withRunAt(later));
        awaitStatus(pool, running.id, JobStatus.RUNNING);

        int deleted = onVertx(() -> Panache.withTransaction(() -> queue.deletePending("widget", target)));
        assertThat(deleted).isEqualTo(1);
        assertThat(load(pool, queued.id)).isNull();
        assertThat(load(pool, other.id).status).isEqualTo(JobStatus.QUEUED);
        awaitStatus(pool, running.id, JobStatus.CANCELLED);
    }
}
