package io.integrationshub.jobs;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobError;
import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobOutcome;
import io.integrationshub.jobs.api.JobStatus;
import io.integrationshub.jobs.api.NewJob;
import io.integrationshub.jobs.engine.JobEngine;
import io.integrationshub.jobs.engine.JobEngineSettings;
import io.integrationshub.jobs.engine.JobHandlers;
import io.integrationshub.jobs.engine.JobMetrics;
import io.integrationshub.jobs.engine.JobsConfig;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.integrationshub.common.Ids;
import io.integrationshub.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import io.integrationshub.jobs.JobInstances.Instance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.integrationshub.jobs.JobFixtures.*;
import static io.integrationshub.jobs.JobInstances.handler;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine against the real database: retries, rescue, leases, several instances, wake-ups, shutdown. */
@QuarkusTest
class JobEngineTest {
    @Inject
    TestJobs jobs;
    @Inject
    Pool pool;
    @Inject
    JobProbe probe;
    @Inject
    Vertx vertx;
    @Inject
    Config config;
    @Inject
    JobsConfig jobsConfig;
    @Inject
    JobMetrics metrics;
    @Inject
    JobHandlers cdiHandlers;
    @Inject
    JobEngine mainEngine;

    private JobInstances instances;

    @BeforeEach
    void instances() {
        instances = new JobInstances(vertx, config, metrics);
    }

    @AfterEach
    void stopExtraEngines() {
        instances.stopAll();
    }

    @Test
    void retriesWithBackoffUpToMaxAttemptsThenFails() {
        UUID org = Fixtures.organisation();
        Job job = enqueue(jobs, job(org, "test.flaky").withPayload(json("{\"fail_times\": 10}")).withMaxAttempts(3));
        Job failed = awaitStatus(pool, job.id, JobStatus.FAILED);
        assertThat(failed.attempts).isEqualTo(3);
        assertThat(failed.error).isEqualTo(new JobError("flaky", "attempt 3 failed"));
        assertThat(failed.finishedAt).isNotNull();
        assertThat(failed.leaseOwner).isNull();
        assertThat(probe.attempts.get(job.id)).containsExactly(1, 2, 3);
    }

    @Test
    void retriedJobSucceedsAndClearsTheError() {
        UUID org = Fixtures.organisation();
        Job job = enqueue(jobs, job(org, "test.flaky").withPayload(json("{\"fail_times\": 1}")));
        Job done = awaitStatus(pool, job.id, JobStatus.SUCCEEDED);
        assertThat(done.attempts).isEqualTo(2);
        assertThat(done.error).isNull();
        assertThat(done.result.path("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void exceptionCountsAsRetryAndItsMessageStaysOutOfTheJob() {
        UUID org = Fixtures.organisation();
        Job job = enqueue(jobs, job(org, "test.flaky").withPayload(json("{\"fail_times\": 9, \"mode\": \"throw\"}"))
                .withMaxAttempts(2));
        Job failed = awaitStatus(pool, job.id, JobStatus.FAILED);
        assertThat(failed.attempts).isEqualTo(2);
        assertThat(failed.error.code()).isEqualTo("handler_error");
        assertThat(failed.error.message()).doesNotContain("hunter2").contains("IllegalStateException");
    }

    @Test
    void permanentFailureIsNotRetried() {
        UUID org = Fixtures.organisation();
        Job job = enqueue(jobs, job(org, "test.flaky").withPayload(json("{\"fail_times\": 9, \"mode\": \"fail\"}")));
        Job failed = awaitStatus(pool, job.id, JobStatus.FAILED);
        assertThat(failed.attempts).isEqualTo(1);
        assertThat(failed.error).isEqualTo(new JobError("boom", "permanent failure"));
    }

    @Test
    void handlerTimeoutCountsAsRetry() {
        UUID org = Fixtures.organisation();
        Job job = enqueue(jobs, job(org, "test.hang").withMaxAttempts(2));
        Job failed = awaitStatus(pool, job.id, JobStatus.FAILED);
        assertThat(failed.attempts).isEqualTo(2);
        assertThat(failed.error.code()).isEqualTo("timeout");
    }

    @Test
    void rescheduleDoesNotConsumeAnAttempt() {
        UUID org = Fixtures.organisation();
        Job job = enqueue(jobs, job(org, "test.reschedule").withMaxAttempts(1));
        Job done = awaitStatus(pool, job.id, JobStatus.SUCCEEDED);
        assertThat(done.result.path("runs").asInt()).isEqualTo(2);
        assertThat(done.result.path("attempt").asInt()).isEqualTo(1);
        assertThat(done.attempts).isEqualTo(1);
        assertThat(probe.attempts.get(job.id)).containsExactly(1, 1);
    }

    @Test
    void expiredLeaseOfADeadWorkerIsRescuedByAnotherInstance() {
        UUID org = Fixtures.organisation();
        UUID alive = insertRunning(org, "test.noop", "dead-instance", 1, 3);
        UUID exhausted = insertRunning(org, "test.noop", "dead-instance", 3, 3);

        Job rescued = awaitStatus(pool, alive, JobStatus.SUCCEEDED);
        assertThat(rescued.attempts).isEqualTo(2);
        assertThat(probe.attempts.get(alive)).containsExactly(2);

        Job failed = awaitStatus(pool, exhausted, JobStatus.FAILED);
        assertThat(failed.error.code()).isEqualTo("lease_expired");
        assertThat(failed.attempts).isEqualTo(3);
        assertThat(probe.runs(exhausted)).isZero();
    }

    @Test
    void lateCompletionOfAnAttemptWhoseLeaseWasLostIsIgnored() {
        UUID org = Fixtures.organisation();
        Instance b = engine("engine-b", settings().withLease(Duration.ofMillis(1500)),
                List.of(handler("test.b_only", context -> TestJobHandlers.gated(probe, context))));
        Job job = enqueue(jobs, job(org, "test.b_only").withPayload(json("{\"gate_attempts\": 1}")));
        awaitTrue(() -> probe.runs(job.id) == 1, Duration.ofSeconds(20), "engine b to start attempt 1");

        b.store().renewalsStalled = true; // attempt 1 stalls: its lease expires, the job is rescued and attempt 2 runs
        Job done = awaitStatus(pool, job.id, JobStatus.SUCCEEDED);
        assertThat(done.attempts).isEqualTo(2);
        assertThat(done.result.path("attempt").asInt()).isEqualTo(2);

        // The stalled attempt 1 now reports success: its write must not touch the job.
        probe.open(job.id, JobOutcome.succeeded(JsonNodeFactory.instance.objectNode().put("attempt", 1)));
        sleep(500);
        Job after = load(pool, job.id);
        assertThat(after.result.path("attempt").asInt()).isEqualTo(2);
        assertThat(after.finishedAt).isEqualTo(done.finishedAt);
    }

    @Test
    void jobsOfAnInstanceThatDiesAreRunAgainByAnother() {
        UUID org = Fixtures.organisation();
        JobHandler slow = cdiHandlers.forType("test.slow").orElseThrow();
        List<JobHandler> mortal = List.of(handler("test.mortal", slow::run));
        List<NewJob> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batch.add(job(org, "test.mortal").withPayload(json("{\"millis\": 1500}")));
        }
        List<Job> made = onVertx(() -> jobs.enqueueAll(batch));
        Instance c = engine("engine-c", settings().withLease(Duration.ofMillis(1500)), mortal);
        awaitTrue(() -> made.stream().allMatch(j -> probe.runs(j.id) > 0 || c.store().claimed.contains(j.id)),
                Duration.ofSeconds(20), "engine c to claim the jobs");
        c.store().dead = true; // its database connection is gone: no renewal, no outcome, no release gets through

        engine("engine-c2", settings(), mortal); // another instance takes over when the leases expire
        for (Job job : made) {
            Job done = awaitStatus(pool, job.id, JobStatus.SUCCEEDED);
            assertThat(done.attempts).isEqualTo(2);
            assertThat(done.errors.get(0).path("code").asText()).isEqualTo("lease_expired");
        }
    }

    @Test
    void twoInstancesRunEachOf500JobsExactlyOnce() {
        UUID org = Fixtures.organisation();
        Map<UUID, AtomicInteger> onB = new ConcurrentHashMap<>();
        JobHandler noop = cdiHandlers.forType("test.noop").orElseThrow();
        engine("engine-b2", settings(), List.of(handler("test.noop", context -> {
            onB.computeIfAbsent(context.jobId(), id -> new AtomicInteger()).incrementAndGet();
            return noop.run(context);
        })));
        List<UUID> ids = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            List<NewJob> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(job(org, "test.noop"));
            }
            onVertx(() -> jobs.enqueueAll(batch)).forEach(j -> ids.add(j.id));
        }
        awaitTrue(() -> count(pool, "organisation_id = $1 and status = 'succeeded'", org) == 500, Duration.ofSeconds(60),
                "500 jobs to succeed");
        assertThat(ids).hasSize(500).allSatisfy(id -> assertThat(probe.runs(id)).as("runs of %s", id).isEqualTo(1));
        assertThat(count(pool, "organisation_id = $1 and attempts <> 1", org)).isZero();
        int ranOnB = onB.values().stream().mapToInt(AtomicInteger::get).sum();
        assertThat(ranOnB).as("jobs run by the second instance").isBetween(1, 499);
    }

    @Test
    void aRetryRunsWhenItIsDueWithoutWaitingForThePoll() {
        UUID org = Fixtures.organisation();
        // A retry due after a whole poll interval: the poll would find it up to 20 s late, a wake-up of its own on time.
        JobEngineSettings slowPolling = settings().withWorkers(2, 0).withPolling(Duration.ofSeconds(20), Duration.ofHours(1));
        Map<UUID, List<Long>> startedAt = new ConcurrentHashMap<>();
        JobEngine e = engine("engine-r", slowPolling, List.of(handler("test.r_only", context -> {
            startedAt.computeIfAbsent(context.jobId(), id -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(System.nanoTime());
            return Uni.createFrom().item(context.attempt() == 1
                    ? JobOutcome.retryIn(Duration.ofSeconds(20), "later", "try again in 20 s")
                    : JobOutcome.succeeded());
        }))).engine();
        awaitTrue(e::isListening, Duration.ofSeconds(10), "engine r to listen");
        Job job = enqueue(jobs, job(org, "test.r_only").withMaxAttempts(3));
        Job done = awaitStatus(pool, job.id, JobStatus.SUCCEEDED);
        assertThat(done.attempts).isEqualTo(2);
        List<Long> starts = startedAt.get(job.id);
        assertThat(Duration.ofNanos(starts.get(1) - starts.get(0))).isBetween(Duration.ofSeconds(20), Duration.ofMillis(22_500));
    }

    @Test
    void idleWorkerWakesOnNotifyWithoutPolling() {
        UUID org = Fixtures.organisation();
        JobEngineSettings noPolling = settings().withWorkers(2, 0).withPolling(Duration.ofHours(1), Duration.ofHours(1));
        JobEngine e = engine("engine-e", noPolling, List.of(handler("test.e_only",
                context -> {
                    probe.ran(context);
                    return Uni.createFrom().item(JobOutcome.succeeded());
                }))).engine();
        awaitTrue(e::isListening, Duration.ofSeconds(10), "engine e to listen");
        sleep(200); // let the claim its subscription triggered return empty, so only a NOTIFY can wake it now
        Job job = enqueue(jobs, job(org, "test.e_only"));
        Job done = awaitStatus(pool, job.id, JobStatus.SUCCEEDED);
        assertThat(done.attempts).isEqualTo(1);
    }

    @Test
    void gracefulStopFinishesShortJobsAndReleasesTheRest() {
        UUID org = Fixtures.organisation();
        JobEngine d = engine("engine-d", settings(), List.of(handler("test.d_only", context -> {
            if (context.payload().path("gate").asBoolean()) {
                return TestJobHandlers.gated(probe, context);
            }
            probe.ran(context);
            return Uni.createFrom().item(JobOutcome.succeeded()).onItem().delayIt().by(Duration.ofMillis(300));
        }))).engine();
        List<Job> made = onVertx(() -> jobs.enqueueAll(List.of(job(org, "test.d_only"), job(org, "test.d_only"),
                job(org, "test.d_only").withPayload(json("{\"gate\": true}")))));
        awaitTrue(() -> made.stream().allMatch(j -> probe.runs(j.id) == 1), Duration.ofSeconds(20), "all three to start");

        d.stop(Duration.ofSeconds(2)).await().atMost(Duration.ofSeconds(10));

        assertThat(load(pool, made.get(0).id).status).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(load(pool, made.get(1).id).status).isEqualTo(JobStatus.SUCCEEDED);
        Job released = load(pool, made.get(2).id);
        assertThat(released.status).isEqualTo(JobStatus.QUEUED);
        assertThat(released.attempts).isZero();
        assertThat(released.leaseOwner).isNull();
        assertThat(probe.cancelled).contains(made.get(2).id);
        sql(pool, "update jobs set status = 'cancelled', finished_at = now() where id = $1", released.id);
    }

    private UUID insertRunning(UUID org, String type, String owner, int attempts, int maxAttempts) {
        UUID id = Ids.newId();
        sql(pool, "insert into jobs (id, organisation_id, type, target_type, target_id, status, attempts, max_attempts, run_at, "
                + "lease_owner, lease_expires_at, created_at, started_at, updated_at) values ($1, $2, $3, 'test', $4, "
                + "'running', $5, $6, now() - interval '1 minute', $7, now() - interval '1 second', now(), now(), now())",
                id, org, type, Ids.newId(), attempts, maxAttempts, owner);
        return id;
    }

    private JobEngineSettings settings() {
        return JobEngineSettings.from(jobsConfig);
    }

    private Instance engine(String name, JobEngineSettings settings, java.util.Collection<JobHandler> handlers) {
        return instances.start(name, settings, handlers);
    }
}
