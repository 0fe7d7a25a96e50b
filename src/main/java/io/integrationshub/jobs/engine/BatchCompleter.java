package io.integrationshub.jobs.engine;

import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes attempt outcomes in batches (River's BatchCompleter): an outcome waits up to
 * {@code hub.jobs.complete-batch-delay} for others, or until {@code complete-batch-size} are ready, and
 * one statement writes them all ({@link JobStore#complete}). While a write is in flight new outcomes
 * collect and go out together when it returns, so batches grow with the load by themselves.
 * <p>
 * The statement checks lease owner and attempt per job: an outcome whose lease was lost meanwhile (the
 * job was rescued and may already have run again elsewhere) is dropped, the other rows of the batch
 * are written. A crash after a handler ran and before its batch was written loses the outcome: the
 * lease expires, the job is rescued and runs again (at least once, API.md 6). Leases of jobs waiting
 * here are renewed like those of running jobs ({@link #held}). Not thread-safe: used on the engine's
 * context only.
 */
class BatchCompleter {
    private static final Logger LOG = Logger.getLogger(BatchCompleter.class);

    /** Writes of one batch when PostgreSQL picks it as a deadlock victim. */
    private static final int MAX_WRITES = 3;

    private final JobStore store;
    private final Vertx vertx;
    private final Consumer<Runnable> onEngine;
    private final JobMetrics metrics;
    private final int maxBatch;
    private final long delayMillis;
    private final Runnable afterWrite;

    private final List<JobStore.Outcome> pending = new ArrayList<>();
    /** Jobs whose outcome is pending or being written: their leases are still ours to renew. */
    private final Map<UUID, JobStore.Outcome> holding = new LinkedHashMap<>();
    private int writing;
    private long timer = -1;
    private boolean eager;

    BatchCompleter(JobStore store, Vertx vertx, Consumer<Runnable> onEngine, JobMetrics metrics, int maxBatch,
            Duration delay, Runnable afterWrite) {
        this.store = store;
        this.vertx = vertx;
        this.onEngine = onEngine;
        this.metrics = metrics;
        this.maxBatch = maxBatch;
        this.delayMillis = delay.toMillis();
        this.afterWrite = afterWrite;
    }

    void submit(JobStore.Outcome outcome) {
        pending.add(outcome);
        holding.put(outcome.job().id, outcome);
        if (eager || delayMillis <= 0 || pending.size() >= maxBatch) {
            flush();
        } else if (timer < 0 && writing == 0) {
            timer = vertx.setTimer(delayMillis, id -> onEngine.accept(() -> {
                timer = -1;
                flush();
            }));
        }
    }

    /** From now on writes at once, without waiting for a batch to fill (shutdown). */
    void flushNow() {
        eager = true;
        flush();
    }

    Set<UUID> held() {
        return holding.keySet();
    }

    boolean idle() {
        return pending.isEmpty() && writing == 0;
    }

    private void flush() {
        if (pending.isEmpty() || (writing > 0 && pending.size() < maxBatch)) {
            return; // the write in flight flushes what collects meanwhile when it returns
        }
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        List<JobStore.Outcome> batch = new ArrayList<>(pending.subList(0, Math.min(maxBatch, pending.size())));
        pending.subList(0, batch.size()).clear();
        writing++;
        write(batch, 1);
    }

    private void write(List<JobStore.Outcome> batch, int attempt) {
        store.complete(batch).subscribe().with(
                written -> onEngine.accept(() -> written(batch, written)),
                failure -> onEngine.accept(() -> {
                    if (attempt < MAX_WRITES && transientConflict(failure)) {
                        LOG.debugf("writing %d job outcomes again after %s", batch.size(), failure);
                        write(batch, attempt + 1);
                    } else {
                        failed(batch, failure);
                    }
                }));
    }

    /** A deadlock or serialization failure: PostgreSQL rolled the statement back; writing it again is safe. */
    private static boolean transientConflict(Throwable failure) {
        return failure instanceof PgException pg
                && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }

    private void written(List<JobStore.Outcome> batch, Set<UUID> written) {
        writing--;
        for (JobStore.Outcome o : batch) {
            release(o);
            if (!written.contains(o.job().id)) {
                LOG.warnf("job %s (%s) attempt %d: this instance no longer holds its lease; outcome %s ignored",
                        o.job().id, o.job().type, o.job().attempts, o.label());
                metrics.outcome(o.job().type, "lease_lost");
            }
        }
        afterWrite();
    }

    private void failed(List<JobStore.Outcome> batch, Throwable failure) {
        writing--;
        LOG.errorf("could not record %d job outcomes (the jobs run again when their leases expire): %s", batch.size(),
                failure.toString());
        batch.forEach(this::release); // no longer renewed: the leases expire and the jobs are rescued
        afterWrite();
    }

    private void release(JobStore.Outcome o) {
        holding.remove(o.job().id, o);
    }

    private void afterWrite() {
        flush();
        afterWrite.run();
    }
}
