package io.integrationshub.jobs;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobStatus;
import io.integrationshub.jobs.api.NewJob;
import io.integrationshub.jobs.engine.JobRows;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationshub.common.Ids;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.Iterator;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Database-level helpers for the job tests: enqueue through the real service path, read rows, wait for states. */
final class JobFixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private JobFixtures() {
    }

    static <T> T onVertx(Supplier<Uni<T>> action) {
        try {
            return VertxContextSupport.subscribeAndAwait(action);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static Job enqueue(TestJobs jobs, NewJob job) {
        return onVertx(() -> jobs.enqueue(job));
    }

    static NewJob job(UUID org, String type) {
        return NewJob.of(org, type, "test", Ids.newId());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Job load(Pool pool, UUID id) {
        Iterator<Row> rows = pool.preparedQuery("select " + JobRows.COLUMNS + " from jobs where id = $1")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10)).iterator();
        return rows.hasNext() ? JobRows.job(rows.next()) : null;
    }

    static long count(Pool pool, String where, Object... args) {
        return pool.preparedQuery("select count(*) as n from jobs where " + where).execute(Tuple.from(args))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
    }

    static void sql(Pool pool, String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(10));
    }

    /** Polls the row until {@code until} holds; fails after {@code timeout} (a deadlock guard, not a timing claim). */
    static Job await(Pool pool, UUID id, Predicate<Job> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Job job = load(pool, id);
        while (job == null || !until.test(job)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " did not reach the expected state within " + timeout + "; now " + job
                        + (job == null ? "" : " error=" + job.error));
            }
            sleep(25);
            job = load(pool, id);
        }
        return job;
    }

    static Job awaitStatus(Pool pool, UUID id, JobStatus status) {
        return await(pool, id, j -> j.status == status, Duration.ofSeconds(30));
    }

    static void awaitTrue(Supplier<Boolean> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep(25);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
