package io.integrationshub.jobs.engine;

import io.integrationshub.jobs.api.JobQueue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs queued jobs: the loop. It claims due jobs of the types it has handlers for in one statement,
 * as many as it has room for ({@code concurrency} workers plus {@code prefetch} held locally), starts
 * them as workers free up, and hands each outcome to the {@link BatchCompleter}. The {@link LeaseKeeper}
 * renews its leases and rescues dead workers' jobs; {@link JobRetention} deletes old finished jobs;
 * every SQL statement is in {@link JobStore}.
 * <p>
 * Idle workers wake on {@code NOTIFY hub_jobs} (sent when a job is enqueued, on commit) and poll every
 * {@code hub.jobs.poll-interval} as a safety net. All engine state lives on one Vert.x event-loop
 * context; handlers run each on their own duplicated context.
 */
@ApplicationScoped
public class JobEngine {
    private static final Logger LOG = Logger.getLogger(JobEngine.class);
    /** A claim that hangs (a stuck connection) must not stop this instance from ever claiming again. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    /** Shutdown waits this long for the last outcomes and releases to be written. */
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

    private enum State { NEW, RUNNING, DRAINING, STOPPED }

    private final Vertx vertx;
    private final JobStore store;
    private final PgConnectOptions listenOptions;
    private final JobEngineSettings settings;
    private final JobHandlers handlers;
    private final JobMetrics metrics;
    private final boolean enabled;
    private final String[] types;

    // Engine state: touched only on `context`.
    private volatile Context context;
    private PgListener listener;
    private LeaseKeeper leases;
    private BatchCompleter completer;
    private JobRetention retention;
    private State state = State.NEW;
    private HeldJobs held;
    private boolean claiming;
    private boolean claimAgain;
    private long pollTimer = -1;
    private volatile boolean listening;
    private final List<UniEmitter<? super Void>> drainWaiters = new ArrayList<>();

    @Inject
    public JobEngine(Vertx vertx, JobStore store, Config config, JobEngineSettings settings, JobsConfig jobsConfig,
            JobHandlers handlers, JobMetrics metrics) {
        this(vertx, store, PgListener.connectOptions(config), settings, handlers, metrics, jobsConfig.enabled());
    }

    /**
     * Another engine instance in this JVM, on its own store (which must use the settings' instance id and
     * lease) and its own LISTEN connection: how several instances are run side by side.
     */
    public JobEngine(Vertx vertx, JobStore store, PgConnectOptions listenOptions, JobEngineSettings settings,
            JobHandlers handlers, JobMetrics metrics) {
        this(vertx, store, listenOptions, settings, handlers, metrics, true);
    }

    private JobEngine(Vertx vertx, JobStore store, PgConnectOptions listenOptions, JobEngineSettings settings,
            JobHandlers handlers, JobMetrics metrics, boolean enabled) {
        this.vertx = vertx;
        this.store = store;
        this.listenOptions = listenOptions;
        this.settings = settings;
        this.handlers = handlers;
        this.metrics = metrics;
        this.enabled = enabled;
        this.types = handlers.types().toArray(new String[0]);
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            start();
        } else {
            LOG.info("job engine disabled (hub.jobs.enabled=false): this instance runs no jobs");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (context != null) {
            stop(settings.shutdownGrace()).await().atMost(settings.shutdownGrace().plusSeconds(15));
        }
    }

    public String instanceId() {
        return settings.instanceId();
    }

    public JobEngineSettings settings() {
        return settings;
    }

    /** Whether the LISTEN connection has subscribed at least once. */
    public boolean isListening() {
        return listening;
    }

    /** Starts claiming jobs; idempotent. */
    public synchronized void start() {
        if (context != null) {
            return;
        }
        context = VertxContext.getRootContext(vertx.getDelegate().getOrCreateContext());
        completer = new BatchCompleter(store, vertx, this::onEngine, metrics, settings.completeBatchSize(),
                settings.completeBatchDelay(), this::afterWrite);
        held = new HeldJobs(settings, handlers, metrics, completer, vertx, context, this::onEngine, this::freed,
                this::claim);
        leases = new LeaseKeeper(store, vertx, this::onEngine, settings, metrics, held, this::claim);
        retention = new JobRetention(store, vertx, settings.retention());
        onEngine(() -> {
            state = State.RUNNING;
            LOG.infof("job engine %s started: %d workers (+%d prefetched) for %s", settings.instanceId(),
                    settings.concurrency(), settings.prefetch(), handlers.types());
            listener = new PgListener(vertx, listenOptions, JobQueue.CHANNEL,
                    type -> {
                        if (handlers.forType(type).isPresent()) {
                            onEngine(this::claim);
                        }
                    },
                    () -> onEngine(() -> {
                        listening = true;
                        claim();
                    }));
            listener.start();
            pollTimer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> onEngine(this::claim));
            leases.start();
            retention.start();
            claim();
        });
    }

    /**
     * Graceful stop: claims nothing more and gives prefetched jobs back, lets running jobs finish for
     * up to {@code grace} and writes their outcomes, then releases the rest to the queue (attempt
     * refunded) for another instance.
     */
    public Uni<Void> stop(Duration grace) {
        if (context == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> drained = Uni.createFrom().<Void>emitter(emitter -> onEngine(() -> {
            if (state == State.RUNNING) {
                state = State.DRAINING;
                stopClaiming();
                held.releasePrefetched();
                LOG.infof("job engine %s stopping: waiting up to %s for %d running jobs", settings.instanceId(), grace,
                        held.runningCount());
            }
            if (state == State.STOPPED || isDrained()) {
                emitter.complete(null);
            } else {
                drainWaiters.add(emitter);
            }
        })).ifNoItem().after(grace.toMillis() < 1 ? Duration.ofMillis(1) : grace).recoverWithItem((Void) null);
        Uni<Void> released = Uni.createFrom().emitter(emitter -> onEngine(() -> {
            if (state == State.STOPPED) {
                emitter.complete(null);
                return;
            }
            state = State.STOPPED;
            held.releaseRunning();
            completer.flushNow();
            if (completer.idle()) {
                emitter.complete(null);
            } else {
                drainWaiters.add(emitter);
            }
        }));
        return drained.chain(() -> released.ifNoItem().after(FLUSH_TIMEOUT).recoverWithItem((Void) null))
                .invoke(() -> onEngine(() -> {
                    leases.stop();
                    retention.stop();
                    LOG.infof("job engine %s stopped", settings.instanceId());
                }));
    }

    private void stopClaiming() {
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
            pollTimer = -1;
        }
        if (listener != null) {
            listener.close();
        }
    }

    private boolean isDrained() {
        return held.isEmpty() && completer.idle();
    }

    private void afterWrite() {
        if (!drainWaiters.isEmpty() && (state == State.STOPPED ? completer.idle() : isDrained())) {
            List<UniEmitter<? super Void>> waiters = new ArrayList<>(drainWaiters);
            drainWaiters.clear();
            waiters.forEach(w -> w.complete(null));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Claiming and running
    // ---------------------------------------------------------------------------------------------

    private void claim() {
        if (state != State.RUNNING || types.length == 0) {
            return;
        }
        int room = held.room();
        // While prefetched jobs wait, claim only when half the room is free: fewer, larger claims.
        if (claiming || room <= 0 || (held.hasPrefetched() && room < Math.max(1, (settings.concurrency() + settings.prefetch()) / 2))) {
            claimAgain = true;
            return;
        }
        claiming = true;
        claimAgain = false;
        store.claim(types, room).ifNoItem().after(QUERY_TIMEOUT).fail()
                .subscribe().with(claimed -> onEngine(() -> claimed(claimed, room)), failure -> onEngine(() -> {
                    claiming = false;
                    LOG.warnf("job engine %s could not claim jobs (polling retries): %s", settings.instanceId(),
                            failure.toString());
                }));
    }

    private void claimed(List<JobStore.Claimed> claimed, int asked) {
        claiming = false;
        if (state == State.RUNNING) {
            claimed.forEach(c -> metrics.started(c.job().type, c.waitMillis()));
            held.add(claimed);
        } else {
            claimed.forEach(c -> completer.submit(held.release(c.job()))); // stopping meanwhile
        }
        if (claimed.size() == asked || claimAgain) {
            claimAgain = true;
            claim();
        }
    }

    /** A worker freed up or a held job left. */
    private void freed() {
        afterWrite();
        if (claimAgain) {
            claim();
        }
    }

    private void onEngine(Runnable action) {
        context.runOnContext(ignored -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("job engine failure", e);
            }
        });
    }
}
