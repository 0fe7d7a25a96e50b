package io.integrationshub.jobs.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Configuration of the job queue ({@code hub.jobs.*}); every key has a default. */
@ConfigMapping(prefix = "hub.jobs")
public interface JobsConfig {
    /** Whether this instance runs jobs; enqueueing, the jobs API and waiting work either way. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Jobs this instance runs at once. A worker is a slot, not a thread: handlers return a Uni and
     * mostly wait on I/O (HTTP deliveries, provider calls), so many run on the event loop cheaply.
     */
    @WithDefault("32")
    int concurrency();

    /**
     * Jobs claimed beyond {@link #concurrency()} and held locally, leased, until a worker is free: one
     * claim then serves many short jobs. Keep it small where jobs are long, as other instances cannot
     * take a prefetched job until this one starts or releases it.
     */
    @WithDefault("16")
    int prefetch();

    /** Outcomes written by one batched completion statement at most. */
    @WithDefault("500")
    int completeBatchSize();

    /** How long an outcome may wait for others to share its completion statement. */
    @WithDefault("2ms")
    Duration completeBatchDelay();

    /** How long finished jobs are kept before they are deleted. */
    Retention retention();

    interface Retention {
        /** Succeeded and cancelled jobs. */
        @WithDefault("7d")
        Duration succeeded();

        /** Failed jobs (kept longer: someone may want to know why). */
        @WithDefault("30d")
        Duration failed();

        /** How often an instance looks for finished jobs past retention. */
        @WithDefault("1m")
        Duration interval();

        /** Jobs one delete statement removes at most; full batches follow each other after a short pause. */
        @WithDefault("500")
        int batchSize();
    }

    /** How long a claimed job stays leased to its worker without renewal. */
    @WithDefault("60s")
    Duration lease();

    /** How often running jobs' leases are renewed; default lease / 3. */
    Optional<Duration> heartbeatInterval();

    /** Safety-net polling for ready jobs; LISTEN/NOTIFY wakes workers at once in between. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How often this instance looks for running jobs whose lease expired (dead workers). */
    @WithDefault("10s")
    Duration rescueInterval();

    /** Time an attempt may take unless its handler says otherwise. */
    @WithDefault("5m")
    Duration handlerTimeout();

    /** Attempts of a job whose enqueue and handler give none. */
    @WithDefault("5")
    int maxAttempts();

    /** Retry n waits a random time in [0, min(backoff-max, backoff-base * 2^(n-1))]. */
    @WithDefault("2s")
    Duration backoffBase();

    @WithDefault("30m")
    Duration backoffMax();

    /** On shutdown, how long running jobs may take to finish before they are released to other instances. */
    @WithDefault("20s")
    Duration shutdownGrace();

    /** How often the queue depth gauge is refreshed. */
    @WithDefault("15s")
    Duration metricsInterval();

    /**
     * Connections of the job store's own pool (claims, completions, renewals, rescue, retention): its
     * statements are planned for their arguments, which the application's pool must not be (JobStore).
     */
    @WithDefault("4")
    int poolSize();

    /** Polling fallback of {@link JobWaiter} when a completion notification is missed. */
    @WithDefault("1s")
    Duration waitPollInterval();

    /** Instance id written as lease owner; default host name, pid and a random suffix (unique per JVM). */
    Optional<String> instanceId();
}
