package io.integrationshub.jobs;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobError;
import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobOutcome;
import io.integrationshub.jobs.api.JobStatus;
import io.integrationshub.jobs.api.NewJob;
import io.integrationshub.jobs.engine.JobEngineSettings;
import io.integrationshub.jobs.engine.JobMetrics;
import io.integrationshub.jobs.engine.JobStore;
import io.integrationshub.jobs.engine.JobsConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.integrationshub.common.Ids;
import io.integrationshub.jobs.JobInstances.Instance;
import io.integrationshub.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.integrationshub.jobs.JobFixtures.*;
import static io.integrationshub.jobs.JobInstances.handler;
import static org.assertj.core.api.Assertions.assertThat;

/** Batched completion under lease loss, the attempt error history, retention, and times on the database clock. */
@QuarkusTest
class JobBatchingTest {
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

    private JobInstances instances;

    @BeforeEach
    void instances() {
        instances = new JobInstances(vertx, config, metrics);
    }

    @AfterEach
    void stop() {
        instances.stopAll();
    }

    @Test
    void lateCompletionsOfStolenLeasesInABatchAreRejectedAndTheRestOfTheBatchIsWritten() {
        UUID org = Fixtures.organisation();
        List<Job> made = onVertx(() -> jobs.enqueueAll(nCopies(10, () -> job(org, "test.steal"))));
        // Instance B: outcomes wait in its batch for up to a minute, so they are unwritten when leases are stolen.
        Instance b = instances.start("engine-b", settings().withLease(Duration.ofSeconds(3))
                .withCompleteBatch(1000, Duration.ofMinutes(1)), List.of(stealHandler("b")));
        awaitTrue(() -> made.stream().allMatch(j -> probe.runs(j.id) == 1), Duration.ofSeconds(20),
                "instance b to run all ten jobs");
        b.store().claimsPaused = true;
        List<Job> stolen = made.subList(0, 5);
        List<Job> kept = made.subList(5, 10);
        stolen.forEach(j -> b.store().starved.add(j.id)); // B stalls on these: their leases expire and are rescued

        // Instance C runs the stolen jobs again (attempt 2) and records their outcome first.
        instances.start("engine-c", settings(), List.of(stealHandler("c")));
        Map<UUID, Job> byC = new HashMap<>();
        for (Job job : stolen) {
            Job done = awaitStatus(pool, job.id, JobStatus.SUCCEEDED);
            assertThat(done.attempts).isEqualTo(2);
            assertThat(done.result.path("instance").asText()).isEqualTo("c");
            byC.put(job.id, done);
        }
        for (Job job : kept) {
            Job stillB = load(pool, job.id);
            assertThat(stillB.status).isEqualTo(JobStatus.RUNNING);
            assertThat(stillB.leaseOwner).isEqualTo(b.engine().instanceId());
        }

        // B's shutdown flushes its batch: ten outcomes of attempt 1 in one statement.
        b.engine().stop(Duration.ofSeconds(5)).await().atMost(Duration.ofSeconds(30));

        for (Job job : kept) {
            Job done = load(pool, job.id);
            assertThat(done.status).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(done.attempts).isEqualTo(1);
            assertThat(done.result.path("instance").asText()).isEqualTo("b");
            assertThat(done.leaseOwner).isNull();
        }
        for (Job job : stolen) {
            Job after = load(pool, job.id);
            assertThat(after.result.path("instance").asText()).as("result of %s", job.id).isEqualTo("c");
            assertThat(after.attempts).isEqualTo(2);
            assertThat(after.finishedAt).isEqualTo(byC.get(job.id).finishedAt);
            assertThat(after.errors).hasSize(1);
            assertThat(after.errors.get(0).path("code").asText()).isEqualTo("lease_expired");
            assertThat(after.errors.get(0).path("attempt").asInt()).isEqualTo(1);
        }
        assertThat(probe.attempts.get(stolen.get(0).id)).containsExactly(1, 2);
    }

    /**
     * A renewal covers the jobs whose outcomes are being written; both statements must lock rows in the same
     * order or PostgreSQL kills one as a deadlock victim (a batch of outcomes lost). Here the renewal gets
     * the ids reversed and the completion shuffled, at the same moment, round after round.
     */
    @Test
    void renewalsAndCompletionsOfTheSameJobsAtOnceNeverDeadlock() {
        UUID org = Fixtures.organisation();
        int n = 300;
        onVertx(() -> jobs.enqueueAll(nCopies(n, () -> job(org, "test.lockorder"))));
        TestJobStore store = instances.storeOnly("engine-locks", settings());
        java.util.Random random = new java.util.Random(42);
        for (int round = 1; round <= 15; round++) {
            List<JobStore.Claimed> claimed = store.claimNow("test.lockorder", n).await().atMost(Duration.ofSeconds(20));
            assertThat(claimed).as("round %d claims every job again", round).hasSize(n);
            List<UUID> reversed = new ArrayList<>(claimed.stream().map(c -> c.job().id).sorted().toList());
            java.util.Collections.reverse(reversed);
            List<JobStore.Outcome> outcomes = new ArrayList<>(claimed.stream()
                    .map(c -> new JobStore.Outcome(c.job(), "queued", null, null, 0, 1, "released")).toList());
            java.util.Collections.shuffle(outcomes, random);
            var both = Uni.combine().all().unis(store.renewNow(reversed), store.completeNow(outcomes)).asTuple()
                    .await().atMost(Duration.ofSeconds(30));
            assertThat(both.getItem2()).as("round %d writes every outcome", round).hasSize(n);
        }
    }

    @Test
    void attemptErrorsAreKeptAsAHistoryOfTheLastFive() {
        UUID org = Fixtures.organisation();
        instances.start("engine-h", settings(), List.of(handler("test.history", Duration.ofMillis(10), context -> {
            probe.ran(context);
            return Uni.createFrom().item(JobOutcome.retry("flaky", "attempt " + context.attempt() + " failed"));
        })));
        Job job = enqueue(jobs, job(org, "test.history").withMaxAttempts(7));
        Job failed = awaitStatus(pool, job.id, JobStatus.FAILED);
        assertThat(failed.attempts).isEqualTo(7);
        assertThat(failed.error).isEqualTo(new JobError("flaky", "attempt 7 failed"));
        List<Integer> attempts = new ArrayList<>();
        for (JsonNode entry : failed.errors) {
            attempts.add(entry.path("attempt").asInt());
            assertThat(entry.path("message").asText()).isEqualTo("attempt " + entry.path("attempt").asInt() + " failed");
            assertThat(entry.path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        }
        assertThat(attempts).containsExactly(3, 4, 5, 6, 7);
    }

    @Test
    void retryAndRescheduleTimesComeFromTheDatabaseClock() {
        UUID org = Fixtures.organisation();
        instances.start("engine-t", settings(), List.of(handler("test.later", Duration.ofHours(1), context -> {
            probe.ran(context);
            return Uni.createFrom().item(context.payload().path("reschedule").asBoolean()
                    ? JobOutcome.rescheduleAt(Instant.now().plus(Duration.ofHours(2)), "provider rate limit")
                    : JobOutcome.retry("busy", "try later"));
        })));
        Job retried = enqueue(jobs, job(org, "test.later"));
        Job rescheduled = enqueue(jobs, job(org, "test.later").withPayload(json("{\"reschedule\": true}")));
        Job r1 = await(pool, retried.id, j -> j.status == JobStatus.QUEUED && j.attempts == 1, Duration.ofSeconds(30));
        Job r2 = await(pool, rescheduled.id, j -> j.status == JobStatus.QUEUED && j.startedAt != null,
                Duration.ofSeconds(30));
        // run_at and updated_at are set by one statement: the delay is added to the database's clock.
        assertThat(Duration.between(r1.updatedAt, r1.runAt)).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        assertThat(Duration.between(r2.updatedAt, r2.runAt)).isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121));
        assertThat(r2.attempts).isZero();
        sql(pool, "update jobs set status = 'cancelled', finished_at = now() where id = any($1)",
                (Object) new UUID[] {retried.id, rescheduled.id});
    }

    /**
     * retryIn: an attempt used like retry, the next one after the handler's delay instead of its retryDelay (on the
     * database clock), and after the last attempt the job fails with that attempt's error.
     */
    @Test
    void retryInUsesAnAttemptAndWaitsTheHandlersDelay() {
        UUID org = Fixtures.organisation();
        instances.start("engine-ri", settings(), List.of(handler("test.retryin", Duration.ofHours(1), context -> {
            probe.ran(context);
            Duration delay = Duration.ofMillis(context.payload().path("delay_ms").asLong());
            return Uni.createFrom().item(JobOutcome.retryIn(delay, "busy", "attempt " + context.attempt() + " asked to wait"));
        })));
        Job later = enqueue(jobs, job(org, "test.retryin").withPayload(json("{\"delay_ms\": 7200000}")));
        // 10 ms instead of the handler's hour: the attempts run out at once.
        Job soon = enqueue(jobs, job(org, "test.retryin").withPayload(json("{\"delay_ms\": 10}")).withMaxAttempts(3));
        Job failed = awaitStatus(pool, soon.id, JobStatus.FAILED);
        assertThat(failed.attempts).isEqualTo(3);
        assertThat(failed.error).isEqualTo(new JobError("busy", "attempt 3 asked to wait"));
        assertThat(probe.attempts.get(soon.id)).containsExactly(1, 2, 3);
        Job waiting = await(pool, later.id, j -> j.status == JobStatus.QUEUED && j.attempts == 1, Duration.ofSeconds(30));
        assertThat(Duration.between(waiting.updatedAt, waiting.runAt)).isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121));
        assertThat(waiting.error).isEqualTo(new JobError("busy", "attempt 1 asked to wait"));
        sql(pool, "update jobs set status = 'cancelled', finished_at = now() where id = $1", later.id);
    }

    @Test
    void finishedJobsPastRetentionAreDeletedInBatches() {
        UUID org = Fixtures.organisation();
        UUID oldSucceeded1 = insertFinished(org, "succeeded", Duration.ofDays(8));
        UUID oldSucceeded2 = insertFinished(org, "succeeded", Duration.ofDays(8));
        UUID oldSucceeded3 = insertFinished(org, "succeeded", Duration.ofDays(9));
        UUID oldCancelled = insertFinished(org, "cancelled", Duration.ofDays(8));
        UUID recentSucceeded = insertFinished(org, "succeeded", Duration.ofDays(6));
        UUID failedWeekAgo = insertFinished(org, "failed", Duration.ofDays(8));
        UUID oldFailed = insertFinished(org, "failed", Duration.ofDays(31));
        Job queued = enqueue(jobs, job(org, "test.noop").withRunAt(Instant.now().plus(Duration.ofDays(40))));
        sql(pool, "update jobs set created_at = now() - interval '40 days' where id = $1", queued.id);

        // Defaults (7 days, 30 for failed), looked at every 200 ms, two rows per statement.
        JobEngineSettings.Retention retention = new JobEngineSettings.Retention(jobsConfig.retention().succeeded(),
                jobsConfig.retention().failed(), Duration.ofMillis(200), 2);
        instances.start("engine-r", settings().withRetention(retention), List.of());

        awaitTrue(() -> count(pool, "id = any($1)", (Object) new UUID[] {oldSucceeded1, oldSucceeded2, oldSucceeded3,
                oldCancelled, oldFailed}) == 0, Duration.ofSeconds(20), "old finished jobs to be deleted");
        assertThat(load(pool, recentSucceeded)).isNotNull();
        assertThat(load(pool, failedWeekAgo)).isNotNull();
        assertThat(load(pool, queued.id).status).isEqualTo(JobStatus.QUEUED);
        sql(pool, "update jobs set status = 'cancelled', finished_at = now() where id = $1", queued.id);
    }

    private UUID insertFinished(UUID org, String status, Duration ago) {
        UUID id = Ids.newId();
        sql(pool, "insert into jobs (id, organisation_id, type, target_type, target_id, status, attempts, max_attempts, "
                + "run_at, created_at, started_at, finished_at, updated_at) values ($1, $2, 'test.noop', 'test', $3, $4, 1, 5, "
                + "now() - $5::bigint * interval '1 millisecond', now() - $5::bigint * interval '1 millisecond', "
                + "now() - $5::bigint * interval '1 millisecond', now() - $5::bigint * interval '1 millisecond', now())",
                id, org, Ids.newId(), status, ago.toMillis());
        return id;
    }

    private JobHandler stealHandler(String instance) {
        return handler("test.steal", context -> {
            probe.ran(context);
            return Uni.createFrom().item(JobOutcome.succeeded(JsonNodeFactory.instance.objectNode()
                    .put("attempt", context.attempt()).put("instance", instance)));
        });
    }

    private JobEngineSettings settings() {
        return JobEngineSettings.from(jobsConfig);
    }

    private static List<NewJob> nCopies(int n, java.util.function.Supplier<NewJob> job) {
        List<NewJob> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(job.get());
        }
        return list;
    }
}
