package io.integrationshub.jobs.engine;

import io.integrationshub.common.PeriodicTimer;
import io.integrationshub.common.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Job queue metrics on /q/metrics:
 * <ul>
 * <li>{@code hub_jobs_depth{type,status}}: queued and running jobs, refreshed every
 *     {@code hub.jobs.metrics-interval} with one {@code group by} query;</li>
 * <li>{@code hub_jobs_start_latency_seconds{type}}: from when a job became due (its run_at: the
 *     enqueue, or the end of its backoff) to when a worker claimed it;</li>
 * <li>{@code hub_jobs_run_duration_seconds{type,outcome}}: one attempt's run time;</li>
 * <li>{@code hub_jobs_outcomes_total{type,outcome}}: succeeded, failed, retried, rescheduled,
 *     cancelled, rescued, released.</li>
 * </ul>
 */
@ApplicationScoped
public class JobMetrics {
    private static final Logger LOG = Logger.getLogger(JobMetrics.class);

    private final MeterRegistry registry;
    private final JobStore store;
    private final PeriodicTimer depthRefresh;
    private final JobsConfig config;
    private final Map<String, AtomicLong> depth = new ConcurrentHashMap<>();
    private final Map<String, Timer> startLatency = new ConcurrentHashMap<>();
    private final Map<String, Timer> runDuration = new ConcurrentHashMap<>();
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    public JobMetrics(MeterRegistry registry, JobStore store, Vertx vertx, JobsConfig config) {
        this.registry = registry;
        this.store = store;
        this.depthRefresh = new PeriodicTimer(vertx);
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        refreshDepth();
        depthRefresh.start(config.metricsInterval(), this::refreshDepth);
    }

    void stop(@Observes ShutdownEvent event) {
        depthRefresh.stop();
    }

    void started(String type, long waitMillis) {
        // Meters are looked up once per tag set: at thousands of jobs a second the builders would cost.
        startLatency.computeIfAbsent(type, t -> Meters.histogramTimer(registry, "hub.jobs.start.latency",
                        "Time from when a job was due (enqueue or end of backoff) to when a worker started it",
                        Duration.ofMinutes(10), "type", t))
                .record(Math.max(0, waitMillis), TimeUnit.MILLISECONDS);
    }

    void finished(String type, String outcome, long runNanos) {
        runDuration.computeIfAbsent(type + "\u0000" + outcome, key -> Meters.histogramTimer(registry,
                        "hub.jobs.run.duration", "Run time of one attempt of a job", Duration.ofMinutes(30),
                        "type", type, "outcome", outcome))
                .record(runNanos, TimeUnit.NANOSECONDS);
        outcome(type, outcome);
    }

    void outcome(String type, String outcome) {
        outcomes.computeIfAbsent(type + "\u0000" + outcome, key -> Counter.builder("hub.jobs.outcomes")
                .description("Outcomes of job attempts and queue events, by job type")
                .tags("type", type, "outcome", outcome)
                .register(registry))
                .increment();
    }

    /** One query for the whole queue; types that emptied drop to zero rather than vanish. */
    void refreshDepth() {
        store.depth().subscribe().with(rows -> {
            Set<String> seen = new HashSet<>();
            for (JobStore.Depth row : rows) {
                seen.add(row.type() + "\u0000" + row.status());
                gauge(row.type(), row.status()).set(row.count());
            }
            depth.forEach((key, value) -> {
                if (!seen.contains(key)) {
                    value.set(0);
                }
            });
        }, failure -> LOG.debugf("job queue depth not refreshed: %s", failure.toString()));
    }

    private AtomicLong gauge(String type, String status) {
        return depth.computeIfAbsent(type + "\u0000" + status, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("hub.jobs.depth", value, AtomicLong::get)
                    .description("Queued and running jobs, by type and status")
                    .tags(Tags.of("type", type, "status", status))
                    .register(registry);
            return value;
        });
    }
}
