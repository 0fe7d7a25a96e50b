package io.integrationshub.jobs;

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

    /** Jobs this instance runs at once. */
    @WithDefault("4")
    int concurrency();

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

    /** Polling fallback of {@link JobWaiter} when a completion notification is missed. */
    @WithDefault("1s")
    Duration waitPollInterval();

    /** Instance id written as lease owner; default host name, pid and a random suffix (unique per JVM). */
    Optional<String> instanceId();
}
