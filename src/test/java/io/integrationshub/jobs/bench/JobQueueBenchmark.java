package io.integrationshub.jobs.bench;

import io.integrationshub.common.Ids;
import io.integrationshub.jobs.engine.JobEngine;
import io.integrationshub.jobs.engine.JobStore;
import io.integrationshub.jobs.api.NewJob;
import io.integrationshub.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Job queue benchmark, excluded from the normal test run. Run it with
 * {@code ./mvnw -o -Dhub.skipDbPrepare=true test -Dtest=JobQueueBenchmark -Dbench=true}
 * (options: {@code -Dbench.jobs=20000 -Dbench.backlog=50000 -Dbench.batch=1000 -Dbench.latency.samples=300
 * -Dbench.concurrency=32 -Dbench.prefetch=480}). It runs the application's own engine with the settings
 * of {@link Profile} (printed with the results), a no-op handler ({@code bench.noop}) and the real
 * PostgreSQL, and measures:
 * <ol>
 * <li>throughput: no-op jobs per second end to end, from the first enqueue (bulk enqueue, transactions
 *     of {@code bench.batch} jobs) until no bench job is queued or running, three rounds;</li>
 * <li>drain: a backlog of {@code bench.backlog} no-op jobs made due at once (workers only), three rounds;
 *     after each, retention deletes the finished jobs and the table and index sizes are recorded
 *     (bloat), after a plain {@code VACUUM} when autovacuum is off on the server;</li>
 * <li>latency: enqueue-to-start for one job at a time with idle workers: from the commit of the
 *     enqueueing transaction to the handler's start (System.nanoTime in one JVM).</li>
 * </ol>
 * Results are printed and appended to target/bench/jobs.txt. Nothing is asserted about time.
 */
@QuarkusTest
@TestProfile(JobQueueBenchmark.Profile.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class JobQueueBenchmark {
    private static final List<String> PG_SETTINGS = List.of("server_version", "shared_buffers", "work_mem",
            "synchronous_commit", "fsync", "wal_level", "max_wal_size", "checkpoint_timeout", "autovacuum",
            "max_connections", "plan_cache_mode");

    /** The engine as the benchmark runs it: many workers and a deep prefetch for no-op jobs, short retention. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    // The application as it ships: without the JaCoCo probes the build adds to other tests' classes.
                    "quarkus.jacoco.enabled", "false",
                    "hub.jobs.concurrency", System.getProperty("bench.concurrency", "32"),
                    "hub.jobs.prefetch", System.getProperty("bench.prefetch", "480"),
                    "hub.jobs.retention.succeeded", "2s",
                    "hub.jobs.retention.interval", "1s",
                    "hub.jobs.retention.batch-size", "5000");
        }
    }

    @Inject
    BenchJobs jobs;
    @Inject
    BenchNoopHandler handler;
    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    Config config;
    @Inject
    JobEngine engine;

    @Test
    void benchmark() throws IOException {
        int n = Integer.getInteger("bench.jobs", 20000);
        int backlog = Integer.getInteger("bench.backlog", 50000);
        int batch = Integer.getInteger("bench.batch", 1000);
        int samples = Integer.getInteger("bench.latency.samples", 300);
        UUID org = Fixtures.organisation();
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "run %s: %d cores, Java %s, load average at start %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage()));
        report.append("engine: ").append(engine.settings()).append('\n');
        report.append("postgresql: ").append(pgSettings()).append('\n');
        report.append("job store connections: ").append(jobStoreSettings()).append('\n');

        // Declared warm-up (as JMH's), not measured: one full end-to-end round and one drain of a fifth of
        // the backlog. The first thousands of jobs pay JIT compilation, connection set-up and statement
        // preparation; the previous harness's 2,000-job warm-up left that to its first measured round.
        throughput(org, n, batch);
        drain(org, backlog / 5, batch);
        latency(org, 50);
        report.append(String.format(Locale.ROOT, "warm-up (not measured): %d jobs end to end, a backlog of %d, 50 latency samples%n",
                n, backlog / 5));

        for (int round = 1; round <= 3; round++) {
            // Every round starts from the same table: the previous round's jobs deleted by retention (and
            // vacuumed where autovacuum is off), as the drain rounds below.
            sizes(org);
            double[] t = throughput(org, n, batch);
            report.append(String.format(Locale.ROOT,
                    "throughput round %d: %d no-op jobs in %.2f s end to end = %.0f jobs/s (bulk enqueue alone %.0f jobs/s)%n",
                    round, n, t[0], n / t[0], n / t[1]));
        }
        sizes(org);
        for (int round = 1; round <= 3; round++) {
            double seconds = drain(org, backlog, batch);
            report.append(String.format(Locale.ROOT, "drain round %d: backlog of %d no-op jobs run in %.2f s = %.0f jobs/s%n",
                    round, backlog, seconds, backlog / seconds));
            report.append(String.format(Locale.ROOT, "  after retention: %s%n", sizes(org)));
        }
        double[] lat = latency(org, samples);
        report.append(String.format(Locale.ROOT,
                "enqueue-to-start latency, idle workers, %d samples: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                samples, lat[0], lat[1], lat[2], lat[3]));
        report.append(String.format(Locale.ROOT, "load average at end %s%n%n", loadAverage()));
        System.out.println("\n=== Job queue benchmark ===\n" + report);
        Path out = Path.of("target", "bench", "jobs.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Returns {seconds end to end, seconds to enqueue}. */
    private double[] throughput(UUID org, int n, int batch) {
        long start = System.nanoTime();
        for (int done = 0; done < n; done += batch) {
            List<NewJob> chunk = new ArrayList<>();
            for (int i = 0; i < Math.min(batch, n - done); i++) {
                chunk.add(NewJob.of(org, BenchNoopHandler.TYPE, "bench", Ids.newId()));
            }
            await(() -> jobs.enqueueAll(chunk));
        }
        long enqueued = System.nanoTime();
        awaitNoneActive();
        long end = System.nanoTime();
        return new double[] {(end - start) / 1e9, (enqueued - start) / 1e9};
    }

    /** Enqueues n jobs due in an hour, then makes them all due at once: seconds until all have run. */
    private double drain(UUID org, int n, int batch) {
        Instant later = Instant.now().plusSeconds(3600);
        for (int done = 0; done < n; done += batch * 5) {
            List<NewJob> chunk = new ArrayList<>();
            for (int i = 0; i < Math.min(batch * 5, n - done); i++) {
                chunk.add(NewJob.of(org, BenchNoopHandler.TYPE, "bench", Ids.newId()).withRunAt(later));
            }
            await(() -> jobs.enqueueAll(chunk));
        }
        long start = System.nanoTime();
        pool.preparedQuery("with due as (update jobs set run_at = now() where organisation_id = $1 and status = 'queued' "
                + "returning 1) select count(*) from due, pg_notify('hub_jobs', 'bench.noop')")
                .execute(Tuple.of(org)).await().atMost(Duration.ofSeconds(60));
        awaitNoneActive();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Waits until retention deleted every finished bench job, vacuums if autovacuum is off, and measures. */
    private String sizes(UUID org) {
        while (count("select count(*) as n from jobs where organisation_id = $1", org) > 0) {
            sleep(200);
        }
        boolean autovacuum = "on".equals(pgSetting("autovacuum"));
        if (!autovacuum) {
            pool.query("vacuum (analyze) jobs").execute().await().atMost(Duration.ofMinutes(5));
        }
        Row row = pool.query("select count(*) as n, pg_relation_size('jobs') as heap, pg_indexes_size('jobs') as idx, "
                + "pg_total_relation_size('jobs') as total from jobs").execute().await().atMost(Duration.ofSeconds(30))
                .iterator().next();
        return String.format(Locale.ROOT, "%d rows left in jobs; heap %s, indexes %s, total %s%s", row.getLong("n"),
                mb(row.getLong("heap")), mb(row.getLong("idx")), mb(row.getLong("total")),
                autovacuum ? "" : " (after VACUUM: autovacuum is off on this server)");
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
            while (count("select count(*) as n from jobs where id = $1 and status in ('queued', 'running')", id) > 0) {
                sleep(1);
            }
        }
        Arrays.sort(millis);
        return new double[] {pct(millis, 50), pct(millis, 90), pct(millis, 99), millis[millis.length - 1]};
    }

    private void awaitNoneActive() {
        while (count("select count(*) as n from jobs where status in ('queued', 'running') and type = $1",
                BenchNoopHandler.TYPE) > 0) {
            sleep(10);
        }
    }

    private static double pct(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private long count(String sql, Object arg) {
        return pool.preparedQuery(sql).execute(Tuple.of(arg)).await().atMost(Duration.ofSeconds(30))
                .iterator().next().getLong("n");
    }

    private String pgSettings() {
        StringBuilder s = new StringBuilder();
        for (String name : PG_SETTINGS) {
            s.append(s.length() == 0 ? "" : ", ").append(name).append('=').append(pgSetting(name));
        }
        return s.toString();
    }

    /** What the job store's own pool sets on its connections, read back from one of them. */
    private String jobStoreSettings() {
        Pool own = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(JobStore.connectOptions(config))
                .using(vertx).build();
        try {
            StringBuilder s = new StringBuilder();
            for (String name : JobStore.SESSION_SETTINGS.keySet()) {
                String v = own.preparedQuery("select current_setting($1) as v").execute(Tuple.of(name))
                        .await().atMost(Duration.ofSeconds(10)).iterator().next().getString("v");
                s.append(s.length() == 0 ? "" : ", ").append(name).append('=').append(v);
            }
            return s.toString();
        } finally {
            own.closeAndAwait();
        }
    }

    private String pgSetting(String name) {
        return pool.preparedQuery("select current_setting($1) as v").execute(Tuple.of(name))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getString("v");
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
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
