package io.integrationshub.jobs.engine;

import io.integrationshub.jobs.api.Job;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Waits for a job to finish without holding a thread: it wakes on {@code NOTIFY hub_job_done}
 * (sent by a trigger once per statement that finishes jobs, on any instance, with their ids) and re-reads the job every
 * {@code hub.jobs.wait-poll-interval} in case a notification was missed.
 */
@ApplicationScoped
public class JobWaiter {
    public static final String DONE_CHANNEL = "hub_job_done";
    static final Duration LATE_READ_GRACE = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(JobWaiter.class);
    private final JobStore store;
    private final Vertx vertx;
    private final Config config;
    private final Duration pollInterval;
    private final Map<UUID, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
    private PgListener listener;

    public JobWaiter(JobStore store, Vertx vertx, Config config, JobsConfig jobsConfig) {
        this.store = store;
        this.vertx = vertx;
        this.config = config;
        this.pollInterval = jobsConfig.waitPollInterval();
    }

    void onStart(@Observes StartupEvent event) {
        listener = new PgListener(vertx, PgListener.connectOptions(config), DONE_CHANNEL, this::notified, () -> {
            // (Re)subscribed: wake everyone so they re-read what may have finished while disconnected.
            waiters.keySet().forEach(this::wake);
        });
        listener.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (listener != null) {
            listener.close();
        }
    }

    /**
     * The job once it has finished, or as it is after {@code max} if it has not; null when there is no
     * such job, or when no read of it could finish in time. Call it outside the transaction that enqueued the job (that transaction must have
     * committed for the job to start at all).
     */
    public Uni<Job> awaitFinished(UUID jobId, Duration max) {
        long deadline = System.nanoTime() + Math.max(0, max.toNanos());
        // The answer is due at the deadline even when a read of the job is held up (the job store's few connections
        // are the engine's too): a little after it, the caller gets null, i.e. the job as it knew it (a 202).
        Uni<Job> result = attempt(jobId, deadline)
                .ifNoItem().after(max.plus(LATE_READ_GRACE)).recoverWithItem(() -> {
                    LOG.warnf("job %s: no read of it finished within the wait of %d s; answering with what is known",
                            jobId, max.toSeconds());
                    return null;
                });
        Context caller = io.vertx.core.Vertx.currentContext();
        return caller == null ? result : result.emitOn(command -> caller.runOnContext(ignored -> command.run()));
    }

    /** The job as it is now, or null. */
    public Uni<Job> load(UUID jobId) {
        return store.load(jobId);
    }

    private Uni<Job> attempt(UUID jobId, long deadline) {
        // Register before reading, so a completion between the read and the wait is not missed.
        CompletableFuture<Void> signal = new CompletableFuture<>();
        waiters.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet()).add(signal);
        return load(jobId).flatMap(job -> {
            long remaining = deadline - System.nanoTime();
            if (job == null || job.isFinished() || remaining <= 0) {
                unregister(jobId, signal);
                return Uni.createFrom().item(job);
            }
            Duration wait = Duration.ofNanos(Math.min(remaining, pollInterval.toNanos()));
            return Uni.createFrom().completionStage(signal)
                    .ifNoItem().after(wait).recoverWithItem((Void) null)
                    .eventually(() -> unregister(jobId, signal))
                    .flatMap(ignored -> attempt(jobId, deadline));
        }).onFailure().invoke(() -> unregister(jobId, signal));
    }

    /** One notification per finishing statement: up to 200 comma-separated job ids. */
    private void notified(String payload) {
        for (String id : payload.split(",")) {
            try {
                wake(UUID.fromString(id.trim()));
            } catch (IllegalArgumentException notAJobId) {
                // not ours to interpret
            }
        }
    }

    private void wake(UUID jobId) {
        Set<CompletableFuture<Void>> set = waiters.get(jobId);
        if (set != null) {
            set.forEach(signal -> signal.complete(null));
        }
    }

    private void unregister(UUID jobId, CompletableFuture<Void> signal) {
        waiters.computeIfPresent(jobId, (id, set) -> {
            set.remove(signal);
            return set.isEmpty() ? null : set;
        });
    }
}
