package io.integrationshub.jobs.engine;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobOutcome;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The jobs this instance holds a lease on: prefetched (claimed, waiting for a worker) and running
 * (at most {@code concurrency}); outcomes go to the {@link BatchCompleter}. Used on the engine's
 * context only.
 */
final class HeldJobs implements LeaseKeeper.Holder {
    /** Retries due within this long get a timer of their own; later ones are found by the poll. */
    static final long WAKE_FOR_RETRIES_WITHIN = java.time.Duration.ofHours(1).toMillis();
    private static final long WAKE_MARGIN_MILLIS = 5;
    private static final Logger LOG = Logger.getLogger(HeldJobs.class);

    private final JobEngineSettings settings;
    private final JobHandlers handlers;
    private final JobMetrics metrics;
    private final BatchCompleter completer;
    private final Vertx vertx;
    private final Context context;
    private final Consumer<Runnable> onEngine;
    /** After a worker freed up or a job left: the engine may claim more or finish draining. */
    private final Runnable onFreed;
    /** A retry is due before the next poll: claim then. */
    private final Runnable claim;
    private final Map<UUID, Job> prefetched = new LinkedHashMap<>();
    private final Map<UUID, JobAttempt> running = new LinkedHashMap<>();

    HeldJobs(JobEngineSettings settings, JobHandlers handlers, JobMetrics metrics, BatchCompleter completer, Vertx vertx,
            Context context, Consumer<Runnable> onEngine, Runnable onFreed, Runnable claim) {
        this.settings = settings;
        this.handlers = handlers;
        this.metrics = metrics;
        this.completer = completer;
        this.vertx = vertx;
        this.context = context;
        this.onEngine = onEngine;
        this.onFreed = onFreed;
        this.claim = claim;
    }

    /** How many more jobs this instance may claim: free workers plus free prefetch places. */
    int room() {
        return settings.concurrency() + settings.prefetch() - running.size() - prefetched.size();
    }

    boolean hasPrefetched() {
        return !prefetched.isEmpty();
    }

    boolean isEmpty() {
        return running.isEmpty() && prefetched.isEmpty();
    }

    int runningCount() {
        return running.size();
    }

    /** Takes claimed jobs and starts as many as there are free workers. */
    void add(List<JobStore.Claimed> claimed) {
        claimed.forEach(c -> prefetched.put(c.job().id, c.job()));
        startNext();
    }

    /** Gives every prefetched job back to the queue (shutdown). */
    void releasePrefetched() {
        prefetched.values().forEach(job -> completer.submit(release(job)));
        prefetched.clear();
    }

    /** Stops the running attempts and gives their jobs back (shutdown, after the grace period). */
    void releaseRunning() {
        if (!running.isEmpty()) {
            LOG.infof("job engine %s: releasing %d unfinished jobs to other instances", settings.instanceId(),
                    running.size());
        }
        running.values().forEach(r -> {
            r.abandon();
            completer.submit(release(r.job));
        });
        running.clear();
    }

    /** Back to the queue at once with its attempt refunded; the completion statement wakes other instances. */
    JobStore.Outcome release(Job job) {
        metrics.outcome(job.type, "released");
        return new JobStore.Outcome(job, "queued", null, null, 0, 1, "released");
    }

    private void startNext() {
        Iterator<Job> next = prefetched.values().iterator();
        while (running.size() < settings.concurrency() && next.hasNext()) {
            Job job = next.next();
            next.remove();
            JobAttempt attempt = new JobAttempt(job, handlers.forType(job.type).orElseThrow());
            running.put(job.id, attempt);
            attempt.start(context, settings.handlerTimeout(),
                    (outcome, failure) -> onEngine.accept(() -> finish(attempt, outcome, failure)));
        }
    }

    private void finish(JobAttempt r, JobOutcome outcome, Throwable failure) {
        if (!r.markDone()) {
            return; // cancelled, lease lost or released: the outcome is not ours to record
        }
        running.remove(r.job.id, r);
        JobStore.Outcome written = JobOutcomes.toWrite(r.job, r.handler, outcome, failure, settings);
        metrics.finished(r.job.type, written.label(), System.nanoTime() - r.startedNanos);
        completer.submit(written);
        if (written.status().equals("queued") && written.delayMillis() <= WAKE_FOR_RETRIES_WITHIN) {
            // Claim when the retry is due instead of at the next poll, which could be most of a poll interval
            // late (a delivery's 5 s ±20 % step would miss its band). run_at is written by the batched completion,
            // from the database's clock: wake a little after that, or the claim could find it not yet due.
            vertx.setTimer(written.delayMillis() + settings.completeBatchDelay().toMillis() + WAKE_MARGIN_MILLIS,
                    id -> onEngine.accept(claim));
        }
        startNext();
        onFreed.run();
    }

    @Override
    public List<UUID> heldLeases() {
        List<UUID> held = new ArrayList<>(prefetched.keySet());
        held.addAll(running.keySet());
        held.addAll(completer.held());
        return held;
    }

    @Override
    public void leaseLost(UUID id) {
        JobAttempt r = running.remove(id);
        Job job = r != null ? r.job : prefetched.remove(id);
        if (job == null) {
            return; // an outcome waiting to be written: the completion statement rejects it
        }
        LOG.warnf("job %s (%s): lease lost (rescued by another instance); abandoning attempt %d", id, job.type,
                job.attempts);
        metrics.outcome(job.type, "lease_lost");
        if (r != null) {
            r.abandon();
        }
        startNext();
        onFreed.run();
    }

    @Override
    public void cancelRequested(UUID id) {
        JobAttempt r = running.remove(id);
        Job job = r != null ? r.job : prefetched.remove(id);
        if (job == null) {
            return; // its outcome is decided and waits to be written
        }
        LOG.infof("job %s (%s): cancelled on request", id, job.type);
        if (r != null) {
            r.abandon();
            metrics.finished(job.type, "cancelled", System.nanoTime() - r.startedNanos);
        } else {
            metrics.outcome(job.type, "cancelled");
        }
        // A prefetched job never started: its attempt is refunded.
        completer.submit(new JobStore.Outcome(job, "cancelled", null, null, 0, r != null ? 0 : 1, "cancelled"));
        startNext();
        onFreed.run();
    }
}
