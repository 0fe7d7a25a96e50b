package io.integrationshub.jobs.bench;

import io.integrationshub.common.Ids;
import io.integrationshub.jobs.JobEngine;
import io.integrationshub.jobs.NewJob;
import io.integrationshub.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Job queue benchmark, excluded from the normal test run. Run it with
 * {@code ./mvnw -o -Dhub.skipDbPrepare=true test -Dtest=JobQueueBenchmark -Dbench=true}
 * (options: {@code -Dbench.jobs=5000 -Dbench.batch=500 -Dbench.latency.samples=300}).
 * It measures, on the application's own engine (hub.jobs.* as configured for the test profile,
 * concurrency 4), against the real PostgreSQL:
 * <ol>
 * <li>throughput: no-op jobs per second end to end, from the first enqueue (transactions of
 *     {@code bench.batch} jobs) to the last job recorded as succeeded;</li>
 * <li>drain: a backlog of {@code bench.jobs} no-op jobs made due at once (workers only);</li>
 * <li>latency: enqueue-to-start for one job at a time with idle workers: from the commit of the
 *     enqueueing transaction to the handler's start (System.nanoTime in one JVM).</li>
 * </ol>
 * Results are printed and written to target/bench/jobs.txt. Nothing is asserted about time.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class JobQueueBenchmark {
    @Inject
    BenchJobs jobs;
    @Inject
    BenchNoopHandler handler;
    @Inject
    Pool pool;
    @Inject
    JobEngine engine;

    @Test
    void benchmark() throws IOException {
        int n = Integer.getInteger("bench.jobs", 5000);
        int batch = Integer.getInteger("bench.batch", 500);
        int samples = Integer.getInteger("bench.latency.samples", 300);
        UUID org = Fixtures.organisation();
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "machine: %d cores, %s; engine concurrency %d, poll %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                engine.settings().concurrency(), engine.settings().pollInterval()));

        // Warm-up: JIT, connections, prepared statements.
        throughput(org, 1000, 250);
        latency(org, 50);

        for (int round = 1; round <= 3; round++) {
            double[] t = throughput(org, n, batch);
            report.append(String.format(Locale.ROOT,
                    "throughput round %d: %d no-op jobs in %.2f s end to end = %.0f jobs/s (enqueue alone %.0f jobs/s)%n",
                    round, n, t[0], n / t[0], n / t[1]));
        }
        for (int round = 1; round <= 2; round++) {
            double seconds = drain(org, n, batch);
            report.append(String.format(Locale.ROOT, "drain round %d: backlog of %d no-op jobs run in %.2f s = %.0f jobs/s%n",
                    round, n, seconds, n / seconds));
        }
        double[] lat = latency(org, samples);
        report.append(String.format(Locale.ROOT,
                "enqueue-to-start latency, idle workers, %d samples: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                samples, lat[0], lat[1], lat[2], lat[3]));
        System.out.println("\n=== Job queue benchmark ===\n" + report);
        Path out = Path.of("target", "bench", "jobs.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    /** Returns {seconds end to end, seconds to enqueue}. */
    private double[] throughput(UUID org, int n, int batch) {
        long before = succeeded(org);
        long start = System.nanoTime();
        for (int done = 0; done < n; done += batch) {
            List<NewJob> chunk = new ArrayList<>();
            for (int i = 0; i < Math.min(batch, n - done); i++) {
                chunk.add(NewJob.of(org, BenchNoopHandler.TYPE, "bench", Ids.newId()));
            }
            await(() -> jobs.enqueueAll(chunk));
        }
        long enqueued = System.nanoTime();
        while (succeeded(org) < before + n) {
            sleep(10);
        }
        long end = System.nanoTime();
        return new double[] {(end - start) / 1e9, (enqueued - start) / 1e9};
    }

    /** Enqueues n jobs due in an hour, then makes them all due at once: seconds until all succeeded. */
    private double drain(UUID org, int n, int batch) {
        long before = succeeded(org);
        java.time.Instant later = java.time.Instant.now().plusSeconds(3600);
        for (int done = 0; done < n; done += batch) {
            List<NewJob> chunk = new ArrayList<>();
            for (int i = 0; i < Math.min(batch, n - done); i++) {
                chunk.add(NewJob.of(org, BenchNoopHandler.TYPE, "bench", Ids.newId()).withRunAt(later));
            }
            await(() -> jobs.enqueueAll(chunk));
        }
        long start = System.nanoTime();
        pool.preparedQuery("with due as (update jobs set run_at = now() where organisation_id = $1 and status = 'queued' "
                + "returning 1) select count(*) from due, pg_notify('hub_jobs', 'bench.noop')")
                .execute(Tuple.of(org)).await().atMost(Duration.ofSeconds(30));
        while (succeeded(org) < before + n) {
            sleep(10);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Returns {p50, p90, p99, max} in milliseconds. */
    private double[] latency(UUID org, int samples) {
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
            sleep(20); // workers idle, waiting on LISTEN
            AtomicLong committed = new AtomicLong();
            UUID id = await(() -> jobs.enqueue(NewJob.of(org, BenchNoopHandler.TYPE, "bench", Ids.newId()))
                    .invoke(() -> committed.set(System.nanoTime()))).id;
            Long started;
            while ((started = handler.startedNanos.get(id)) == null) {
                sleep(1);
            }
            millis[i] = (started - committed.get()) / 1e6;
            while (status(id) == null || status(id).equals("running") || status(id).equals("queued")) {
                sleep(1);
            }
        }
        Arrays.sort(millis);
        return new double[] {pct(millis, 50), pct(millis, 90), pct(millis, 99), millis[millis.length - 1]};
    }

    private static double pct(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private long succeeded(UUID org) {
        return pool.preparedQuery("select count(*) as n from jobs where organisation_id = $1 and status = 'succeeded'")
                .execute(Tuple.of(org)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
    }

    private String status(UUID id) {
        var rows = pool.preparedQuery("select status from jobs where id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(10)).iterator();
        return rows.hasNext() ? rows.next().getString("status") : null;
    }

    private static <T> T await(Supplier<Uni<T>> action) {
        try {
            return VertxContextSupport.subscribeAndAwait(action);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
