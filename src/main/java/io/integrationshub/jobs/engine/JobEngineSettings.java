package io.integrationshub.jobs.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How one engine instance behaves; {@link #from(JobsConfig)} reads it from {@code hub.jobs.*}. Tests and
 * the benchmark build engines by hand with their own settings (instance id, lease, batch delay).
 */
public record JobEngineSettings(String instanceId, int concurrency, int prefetch, Duration lease,
        Duration heartbeatInterval, Duration pollInterval, Duration rescueInterval, Duration handlerTimeout,
        Duration backoffBase, Duration backoffMax, Duration shutdownGrace, int completeBatchSize,
        Duration completeBatchDelay, Retention retention) {

    /** Finished jobs older than these are deleted, {@code batchSize} at a time, every {@code interval}. */
    public record Retention(Duration succeeded, Duration failed, Duration interval, int batchSize) {
    }

    public JobEngineSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("hub.jobs.concurrency must be at least 1");
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException("hub.jobs.prefetch must not be negative");
        }
        if (completeBatchSize < 1) {
            throw new IllegalArgumentException("hub.jobs.complete-batch-size must be at least 1");
        }
        if (heartbeatInterval.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("hub.jobs.heartbeat-interval must be shorter than hub.jobs.lease");
        }
    }

    public static JobEngineSettings from(JobsConfig config) {
        JobsConfig.Retention r = config.retention();
        return new JobEngineSettings(config.instanceId().orElseGet(JobEngineSettings::newInstanceId),
                config.concurrency(), config.prefetch(), config.lease(),
                config.heartbeatInterval().orElse(config.lease().dividedBy(3)), config.pollInterval(),
                config.rescueInterval(), config.handlerTimeout(), config.backoffBase(), config.backoffMax(),
                config.shutdownGrace(), config.completeBatchSize(), config.completeBatchDelay(),
                new Retention(r.succeeded(), r.failed(), r.interval(), r.batchSize()));
    }

    public JobEngineSettings withInstanceId(String id) {
        return new JobEngineSettings(id, concurrency, prefetch, lease, heartbeatInterval, pollInterval, rescueInterval,
                handlerTimeout, backoffBase, backoffMax, shutdownGrace, completeBatchSize, completeBatchDelay, retention);
    }

    /** A new lease, renewed every third of it. */
    public JobEngineSettings withLease(Duration newLease) {
        return new JobEngineSettings(instanceId, concurrency, prefetch, newLease, newLease.dividedBy(3), pollInterval,
                rescueInterval, handlerTimeout, backoffBase, backoffMax, shutdownGrace, completeBatchSize,
                completeBatchDelay, retention);
    }

    public JobEngineSettings withWorkers(int newConcurrency, int newPrefetch) {
        return new JobEngineSettings(instanceId, newConcurrency, newPrefetch, lease, heartbeatInterval, pollInterval,
                rescueInterval, handlerTimeout, backoffBase, backoffMax, shutdownGrace, completeBatchSize,
                completeBatchDelay, retention);
    }

    public JobEngineSettings withCompleteBatch(int size, Duration delay) {
        return new JobEngineSettings(instanceId, concurrency, prefetch, lease, heartbeatInterval, pollInterval,
                rescueInterval, handlerTimeout, backoffBase, backoffMax, shutdownGrace, size, delay, retention);
    }

    public JobEngineSettings withPolling(Duration poll, Duration rescue) {
        return new JobEngineSettings(instanceId, concurrency, prefetch, lease, heartbeatInterval, poll, rescue,
                handlerTimeout, backoffBase, backoffMax, shutdownGrace, completeBatchSize, completeBatchDelay, retention);
    }

    public JobEngineSettings withRetention(Retention newRetention) {
        return new JobEngineSettings(instanceId, concurrency, prefetch, lease, heartbeatInterval, pollInterval,
                rescueInterval, handlerTimeout, backoffBase, backoffMax, shutdownGrace, completeBatchSize,
                completeBatchDelay, newRetention);
    }

    /** Host name, process id and a random suffix: unique per JVM and per engine. */
    public static String newInstanceId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "hub");
        return host + "-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
    }
}
