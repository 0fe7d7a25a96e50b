package io.integrationshub.jobs;

import io.integrationshub.common.web.RequestIds;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * Runs queued jobs. Each instance (one per JVM, plus any built by hand with
 * {@link #JobEngine(Vertx, Pool, PgConnectOptions, Settings, JobHandlers, JobMetrics)}) claims ready
 * jobs of the types it has handlers for in batches with {@code FOR UPDATE SKIP LOCKED}, leases them
 * to its instance id and renews the lease every {@code lease / 3} while the handler runs. Any instance
 * rescues jobs whose lease expired (their worker died). Every completion write checks that this
 * instance still owns the lease, so the late outcome of a rescued job is ignored.
 * <p>
 * Idle workers wake on {@code NOTIFY hub_jobs} (sent by {@link JobQueue#enqueue} on commit) and poll
 * every {@code hub.jobs.poll-interval} as a safety net. All engine state lives on one Vert.x event-loop
 * context; handlers run each on their own duplicated context.
 */
@ApplicationScoped
public class JobEngine {
    private static final Logger LOG = Logger.getLogger(JobEngine.class);
    private static final String NOW = "date_trunc('milliseconds', clock_timestamp())";
    private static final int RESCUE_BATCH = 100;
    /** A claim that hangs (a stuck connection) must not stop this instance from ever claiming again. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private static final String CLAIM = """
            with next as (
                select id as next_id from jobs
                where status = 'queued' and run_at <= clock_timestamp() and type = any($3::text[])
                order by run_at
                limit $4::int
                for update skip locked)
            update jobs j set status = 'running', lease_owner = $1::text,
                lease_expires_at = clock_timestamp() + $2::bigint * interval '1 millisecond',
                attempts = j.attempts + 1, started_at = coalesce(j.started_at, %1$s), updated_at = %1$s
            from next where j.id = next.next_id
            returning %2$s, (extract(epoch from (clock_timestamp() - j.run_at)) * 1000)::bigint as wait_ms
            """.formatted(NOW, JobRows.COLUMNS);

    private static final String RENEW = """
            update jobs set lease_expires_at = clock_timestamp() + $2::bigint * interval '1 millisecond'
            where id = any($1::uuid[]) and lease_owner = $3::text and status = 'running'
            returning id, cancel_requested""";

    /** Lease expired: back to the queue, or failed when no attempt is left, or cancelled when asked. */
    private static final String RESCUE = """
            with expired as (
                select id as expired_id from jobs
                where status = 'running' and lease_expires_at < clock_timestamp()
                order by lease_expires_at
                limit %2$d
                for update skip locked)
            update jobs j set
                status = case when j.cancel_requested then 'cancelled'
                              when j.attempts >= j.max_attempts then 'failed' else 'queued' end,
                run_at = case when j.cancel_requested or j.attempts >= j.max_attempts then j.run_at else %1$s end,
                error = case when j.cancel_requested then j.error
                             else '{"code": "lease_expired", "message": "the worker running the job stopped renewing its lease"}'::jsonb end,
                finished_at = case when j.cancel_requested or j.attempts >= j.max_attempts then %1$s end,
                lease_owner = null, lease_expires_at = null, updated_at = %1$s
            from expired where j.id = expired.expired_id
            returning j.id, j.type, j.status""".formatted(NOW, RESCUE_BATCH);

    /** Shutdown: jobs still running after the grace period go back to the queue with their attempt refunded. */
    private static final String RELEASE = """
            update jobs set
                status = case when cancel_requested then 'cancelled' else 'queued' end,
                attempts = greatest(attempts - 1, 0), run_at = %1$s,
                finished_at = case when cancel_requested then %1$s end,
                lease_owner = null, lease_expires_at = null, updated_at = %1$s
            where id = any($1::uuid[]) and lease_owner = $2::text and status = 'running'
            returning id, type""".formatted(NOW);

    private static final String WAKE_OTHERS = "select 1 from unnest($1::text[]) as t(type), lateral pg_notify('"
            + JobQueue.CHANNEL + "', t.type)";

    /** The attempt's own lease: this instance and this attempt (a rescued job this instance claimed again is another attempt). */
    private static final String OWNED = " where id = $1::uuid and lease_owner = $2::text and attempts = $3::int"
            + " and status = 'running' returning status";
    private static final String LEASE_CLEARED = "lease_owner = null, lease_expires_at = null, updated_at = " + NOW;
    private static final String SUCCEED = "update jobs set status = 'succeeded', result = $4::text::jsonb, error = null, "
            + "finished_at = " + NOW + ", " + LEASE_CLEARED + OWNED;
    private static final String FAIL = "update jobs set status = 'failed', error = $4::text::jsonb, finished_at = " + NOW
            + ", " + LEASE_CLEARED + OWNED;
    private static final String CANCEL = "update jobs set status = 'cancelled', finished_at = " + NOW + ", "
            + LEASE_CLEARED + OWNED;
    /** Back to the queue at $5 (a cancellation requested meanwhile wins); $6: attempts to refund (reschedule). */
    private static final String REQUEUE = "update jobs set "
            + "status = case when cancel_requested then 'cancelled' else 'queued' end, "
            + "finished_at = case when cancel_requested then " + NOW + " end, "
            + "error = coalesce($4::text::jsonb, error), run_at = $5::timestamptz, attempts = greatest(attempts - $6::int, 0), "
            + LEASE_CLEARED + OWNED;

    /** How an engine instance behaves; {@link #from(JobsConfig)} reads it from {@code hub.jobs.*}. */
    public record Settings(String instanceId, int concurrency, Duration lease, Duration heartbeatInterval,
            Duration pollInterval, Duration rescueInterval, Duration handlerTimeout, Duration backoffBase,
            Duration backoffMax, Duration shutdownGrace) {

        public Settings {
            if (concurrency < 1) {
                throw new IllegalArgumentException("hub.jobs.concurrency must be at least 1");
            }
            if (heartbeatInterval.compareTo(lease) >= 0) {
                throw new IllegalArgumentException("hub.jobs.heartbeat-interval must be shorter than hub.jobs.lease");
            }
        }

        public static Settings from(JobsConfig config) {
            return new Settings(config.instanceId().orElseGet(Settings::newInstanceId), config.concurrency(),
                    config.lease(), config.heartbeatInterval().orElse(config.lease().dividedBy(3)),
                    config.pollInterval(), config.rescueInterval(), config.handlerTimeout(), config.backoffBase(),
                    config.backoffMax(), config.shutdownGrace());
        }

        public Settings withInstanceId(String id) {
            return new Settings(id, concurrency, lease, heartbeatInterval, pollInterval, rescueInterval,
                    handlerTimeout, backoffBase, backoffMax, shutdownGrace);
        }

        public Settings withLease(Duration newLease) {
            return new Settings(instanceId, concurrency, newLease, newLease.dividedBy(3), pollInterval, rescueInterval,
                    handlerTimeout, backoffBase, backoffMax, shutdownGrace);
        }

        public Settings withConcurrency(int n) {
            return new Settings(instanceId, n, lease, heartbeatInterval, pollInterval, rescueInterval, handlerTimeout,
                    backoffBase, backoffMax, shutdownGrace);
        }

        /** Host name, process id and a random suffix: unique per JVM and per engine. */
        public static String newInstanceId() {
            String host = System.getenv().getOrDefault("HOSTNAME", "hub");
            return host + "-" + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        }
    }

    private enum State { NEW, RUNNING, DRAINING, STOPPED }

    /** One job this instance is running. */
    private static final class Running {
        final Job job;
        final JobHandler handler;
        final long startedNanos = System.nanoTime();
        volatile Cancellable subscription;
        boolean done;

        Running(Job job, JobHandler handler) {
            this.job = job;
            this.handler = handler;
        }

        void cancelHandler() {
            Cancellable s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    private final Vertx vertx;
    private final Pool pool;
    private final PgConnectOptions listenOptions;
    private final Settings settings;
    private final JobHandlers handlers;
    private final JobMetrics metrics;
    private final boolean enabled;
    private final String[] types;

    // Engine state: touched only on `context`.
    private volatile Context context;
    private PgListener listener;
    private State state = State.NEW;
    private final Map<UUID, Running> running = new LinkedHashMap<>();
    private boolean claiming;
    private boolean claimAgain;
    private int pendingWrites;
    private final List<Long> timers = new ArrayList<>();
    private long heartbeatTimer = -1;
    private volatile boolean listening;
    private final List<UniEmitter<? super Void>> drainWaiters = new ArrayList<>();

    @Inject
    public JobEngine(Vertx vertx, Pool pool, Config config, JobsConfig jobsConfig, JobHandlers handlers,
            JobMetrics metrics) {
        this(vertx, pool, PgListener.connectOptions(config), Settings.from(jobsConfig), handlers, metrics,
                jobsConfig.enabled());
    }

    /** An engine built by hand (tests, benchmarks): its own instance id, pool and LISTEN connection. */
    public JobEngine(Vertx vertx, Pool pool, PgConnectOptions listenOptions, Settings settings, JobHandlers handlers,
            JobMetrics metrics) {
        this(vertx, pool, listenOptions, settings, handlers, metrics, true);
    }

    private JobEngine(Vertx vertx, Pool pool, PgConnectOptions listenOptions, Settings settings, JobHandlers handlers,
            JobMetrics metrics, boolean enabled) {
        this.vertx = vertx;
        this.pool = pool;
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
        if (state == State.RUNNING) {
            stop(settings.shutdownGrace()).await().atMost(settings.shutdownGrace().plusSeconds(10));
        }
    }

    public String instanceId() {
        return settings.instanceId();
    }

    public Settings settings() {
        return settings;
    }

    /** Starts claiming jobs; idempotent. */
    public synchronized void start() {
        if (context != null) {
            return;
        }
        context = VertxContext.getRootContext(vertx.getDelegate().getOrCreateContext());
        onEngine(() -> {
            state = State.RUNNING;
            LOG.infof("job engine %s started: %d workers for %s", settings.instanceId(), settings.concurrency(),
                    handlers.types());
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
            timers.add(vertx.setPeriodic(settings.pollInterval().toMillis(), id -> onEngine(this::claim)));
            timers.add(vertx.setPeriodic(settings.rescueInterval().toMillis(), id -> onEngine(this::rescue)));
            heartbeatTimer = vertx.setPeriodic(settings.heartbeatInterval().toMillis(), id -> onEngine(this::heartbeat));
            rescue();
            claim();
        });
    }

    /**
     * Graceful stop: claims nothing more, lets running jobs finish for up to {@code grace}, then
     * releases the rest to the queue (attempt refunded) for another instance.
     */
    public Uni<Void> stop(Duration grace) {
        if (context == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> drained = Uni.createFrom().<Void>emitter(emitter -> onEngine(() -> {
            if (state == State.RUNNING) {
                state = State.DRAINING;
                stopClaiming();
                LOG.infof("job engine %s stopping: waiting up to %s for %d running jobs", settings.instanceId(), grace,
                        running.size());
            }
            if (state == State.STOPPED || (running.isEmpty() && pendingWrites == 0)) {
                emitter.complete(null);
            } else {
                drainWaiters.add(emitter);
            }
        })).ifNoItem().after(grace.toMillis() < 1 ? Duration.ofMillis(1) : grace).recoverWithItem((Void) null).replaceWithVoid();
        return drained.chain(() -> Uni.createFrom().<Void>emitter(emitter -> onEngine(() -> releaseRemaining(emitter))));
    }

    /** Simulates the death of this instance (tests): stops at once, writes nothing, keeps its leases. */
    void kill() {
        if (context == null) {
            return;
        }
        onEngine(() -> {
            state = State.STOPPED;
            stopClaiming();
            if (heartbeatTimer >= 0) {
                vertx.cancelTimer(heartbeatTimer);
            }
            running.values().forEach(r -> {
                r.done = true;
                r.cancelHandler();
            });
            running.clear();
        });
    }

    /** Tests: stops renewing leases while handlers keep running, as a stalled worker would. */
    void stopHeartbeat() {
        onEngine(() -> {
            if (heartbeatTimer >= 0) {
                vertx.cancelTimer(heartbeatTimer);
                heartbeatTimer = -1;
            }
        });
    }

    /** Whether the LISTEN connection has subscribed at least once. */
    public boolean isListening() {
        return listening;
    }

    /** Number of jobs this instance is running now (tests). */
    Uni<Integer> runningCount() {
        return Uni.createFrom().emitter(e -> onEngine(() -> e.complete(running.size())));
    }

    private void stopClaiming() {
        timers.forEach(vertx::cancelTimer);
        timers.clear();
        if (listener != null) {
            listener.close();
        }
    }

    private void releaseRemaining(UniEmitter<? super Void> emitter) {
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
            heartbeatTimer = -1;
        }
        if (state == State.STOPPED) {
            emitter.complete(null);
            return;
        }
        state = State.STOPPED;
        List<Running> left = new ArrayList<>(running.values());
        running.clear();
        if (left.isEmpty()) {
            LOG.infof("job engine %s stopped", settings.instanceId());
            emitter.complete(null);
            return;
        }
        UUID[] ids = left.stream().peek(r -> {
            r.done = true;
            r.cancelHandler();
        }).map(r -> r.job.id).toArray(UUID[]::new);
        pool.preparedQuery(RELEASE).execute(Tuple.of(ids, settings.instanceId()))
                .flatMap(rows -> {
                    Set<String> released = new HashSet<>();
                    rows.forEach(row -> {
                        released.add(row.getString("type"));
                        metrics.outcome(row.getString("type"), "released");
                    });
                    LOG.infof("job engine %s stopped: released %d unfinished jobs to other instances",
                            settings.instanceId(), rows.rowCount());
                    return released.isEmpty() ? Uni.createFrom().voidItem()
                            : pool.preparedQuery(WAKE_OTHERS).execute(Tuple.of(released.toArray(new String[0])))
                                    .replaceWithVoid();
                })
                .subscribe().with(ok -> emitter.complete(null), failure -> {
                    LOG.warnf("job engine %s could not release its jobs (they return when their lease expires): %s",
                            settings.instanceId(), failure.toString());
                    emitter.complete(null);
                });
    }

    // ---------------------------------------------------------------------------------------------
    // Claiming
    // ---------------------------------------------------------------------------------------------

    private void claim() {
        if (state != State.RUNNING || types.length == 0) {
            return;
        }
        int capacity = settings.concurrency() - running.size();
        if (capacity <= 0 || claiming) {
            claimAgain = true;
            return;
        }
        claiming = true;
        claimAgain = false;
        pool.preparedQuery(CLAIM)
                .execute(Tuple.of(settings.instanceId(), settings.lease().toMillis(), types, capacity))
                .ifNoItem().after(QUERY_TIMEOUT).fail()
                .subscribe().with(rows -> onEngine(() -> claimed(rows, capacity)), failure -> onEngine(() -> {
                    claiming = false;
                    LOG.warnf("job engine %s could not claim jobs (polling retries): %s", settings.instanceId(),
                            failure.toString());
                }));
    }

    private void claimed(RowSet<Row> rows, int asked) {
        claiming = false;
        int n = 0;
        for (Row row : rows) {
            n++;
            Job job = JobRows.job(row);
            if (state == State.STOPPED) {
                continue; // killed meanwhile: the lease expires and another instance rescues the job
            }
            metrics.started(job.type, row.getLong("wait_ms"));
            run(job);
        }
        if (n == asked || claimAgain) {
            claimAgain = true;
            claim();
        }
    }

    private void run(Job job) {
        JobHandler handler = handlers.forType(job.type).orElseThrow();
        Running r = new Running(job, handler);
        running.put(job.id, r);
        JobContext jobContext = new JobContext(job.id, job.organisationId, job.type, job.targetType, job.targetId,
                job.payload, job.attempts, job.maxAttempts);
        Duration timeout = handler.timeout() != null ? handler.timeout() : settings.handlerTimeout();
        Context handlerContext = VertxContext.createNewDuplicatedContext(context);
        VertxContextSafetyToggle.setContextSafe(handlerContext, true);
        handlerContext.runOnContext(ignored -> {
            RequestIds.bind("job-" + job.id);
            Uni<JobOutcome> attempt;
            try {
                attempt = handler.run(jobContext);
                if (attempt == null) {
                    attempt = Uni.createFrom().nullItem();
                }
            } catch (Throwable t) {
                attempt = Uni.createFrom().failure(t);
            }
            r.subscription = attempt
                    .ifNoItem().after(timeout).failWith(() -> new TimeoutException("attempt exceeded " + timeout))
                    .subscribe().with(
                            outcome -> onEngine(() -> finish(r, outcome, null)),
                            failure -> onEngine(() -> finish(r, null, failure)));
            if (r.done) {
                r.cancelHandler();
            }
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Completion
    // ---------------------------------------------------------------------------------------------

    private void finish(Running r, JobOutcome outcome, Throwable failure) {
        if (r.done) {
            return; // cancelled, lease lost or engine killed: the outcome is not ours to record
        }
        r.done = true;
        running.remove(r.job.id, r);
        Job job = r.job;
        long runNanos = System.nanoTime() - r.startedNanos;
        if (outcome == null) {
            JobError error;
            if (failure instanceof TimeoutException) {
                error = new JobError("timeout", "the job did not finish within its time limit");
            } else if (failure != null) {
                // The exception's message may hold anything (URLs with credentials, provider bodies): the job
                // and the WARN log keep only its type and where it was thrown; DEBUG has the whole exception.
                StackTraceElement[] frames = failure.getStackTrace();
                LOG.warnf("job %s (%s) attempt %d failed: %s at %s", job.id, job.type, job.attempts,
                        failure.getClass().getName(), frames.length > 0 ? frames[0] : "?");
                LOG.debugf(failure, "job %s attempt %d failure", job.id, job.attempts);
                error = new JobError("handler_error", "the job failed unexpectedly (" + failure.getClass().getSimpleName() + ")");
            } else {
                error = new JobError("handler_error", "the job handler returned no outcome");
            }
            outcome = new JobOutcome.Retry(error);
        }
        String sql;
        Tuple args = Tuple.of(job.id, settings.instanceId(), job.attempts);
        String label;
        long retryInMillis = -1;
        if (outcome instanceof JobOutcome.Succeeded s) {
            sql = SUCCEED;
            args.addString(JobRows.text(s.result()));
            label = "succeeded";
        } else if (outcome instanceof JobOutcome.Failed f) {
            sql = FAIL;
            args.addString(JobRows.text(f.error()));
            label = "failed";
        } else if (outcome instanceof JobOutcome.Retry retry) {
            if (job.attempts >= job.maxAttempts) {
                sql = FAIL;
                args.addString(JobRows.text(retry.error()));
                label = "failed";
            } else {
                Duration delay = r.handler.retryDelay(job.attempts);
                if (delay == null || delay.isNegative()) {
                    delay = JobBackoff.fullJitter(job.attempts, settings.backoffBase(), settings.backoffMax());
                }
                retryInMillis = delay.toMillis();
                sql = REQUEUE;
                args.addString(JobRows.text(retry.error()))
                        .addOffsetDateTime(JobRows.timestamp(Instant.now().plusMillis(retryInMillis)))
                        .addInteger(0);
                label = "retried";
            }
        } else if (outcome instanceof JobOutcome.Reschedule reschedule) {
            LOG.debugf("job %s (%s) rescheduled for %s: %s", job.id, job.type, reschedule.when(), reschedule.reason());
            sql = REQUEUE;
            args.addString(null).addOffsetDateTime(JobRows.timestamp(reschedule.when())).addInteger(1);
            label = "rescheduled";
            retryInMillis = Math.max(0, reschedule.when().toEpochMilli() - System.currentTimeMillis());
        } else {
            throw new IllegalStateException("unknown outcome " + outcome);
        }
        metrics.finished(job.type, label, runNanos);
        write(job, sql, args, label);
        if (retryInMillis >= 0 && retryInMillis < settings.pollInterval().toMillis()) {
            // Due before the next poll: look again then rather than a poll later.
            vertx.setTimer(Math.max(1, retryInMillis + 1), id -> onEngine(this::claim));
        }
        if (claimAgain) {
            claim();
        }
    }

    private void write(Job job, String sql, Tuple args, String label) {
        pendingWrites++;
        pool.preparedQuery(sql).execute(args).subscribe().with(rows -> onEngine(() -> {
            if (rows.rowCount() == 0) {
                LOG.warnf("job %s (%s): this instance no longer holds its lease; outcome %s ignored", job.id,
                        job.type, label);
            }
            written();
        }), failure -> onEngine(() -> {
            LOG.errorf("job %s (%s): could not record outcome %s (the job is retried when its lease expires): %s",
                    job.id, job.type, label, failure.toString());
            written();
        }));
    }

    private void written() {
        pendingWrites--;
        checkDrained();
    }

    private void checkDrained() {
        if (state == State.DRAINING && running.isEmpty() && pendingWrites == 0 && !drainWaiters.isEmpty()) {
            List<UniEmitter<? super Void>> waiters = new ArrayList<>(drainWaiters);
            drainWaiters.clear();
            waiters.forEach(w -> w.complete(null));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Leases: heartbeat, cancellation requests, rescue of dead workers' jobs
    // ---------------------------------------------------------------------------------------------

    private void heartbeat() {
        if (running.isEmpty() || state == State.STOPPED) {
            return;
        }
        Map<UUID, Running> sent = new HashMap<>(running);
        pool.preparedQuery(RENEW)
                .execute(Tuple.of(sent.keySet().toArray(new UUID[0]), settings.lease().toMillis(), settings.instanceId()))
                .subscribe().with(rows -> onEngine(() -> renewed(sent, rows)),
                        failure -> LOG.warnf("job engine %s could not renew its leases: %s", settings.instanceId(),
                                failure.toString()));
    }

    private void renewed(Map<UUID, Running> sent, RowSet<Row> rows) {
        Map<UUID, Boolean> renewed = new HashMap<>();
        rows.forEach(row -> renewed.put(row.getUUID("id"), Boolean.TRUE.equals(row.getBoolean("cancel_requested"))));
        sent.forEach((id, r) -> {
            if (r.done || running.get(id) != r) {
                return; // finished while the heartbeat was in flight
            }
            Boolean cancelRequested = renewed.get(id);
            if (cancelRequested == null) {
                LOG.warnf("job %s (%s): lease lost (rescued by another instance); abandoning this attempt", id, r.job.type);
                r.done = true;
                running.remove(id);
                r.cancelHandler();
                metrics.outcome(r.job.type, "lease_lost");
            } else if (cancelRequested) {
                LOG.infof("job %s (%s): cancelled on request while running", id, r.job.type);
                r.done = true;
                running.remove(id);
                r.cancelHandler();
                metrics.finished(r.job.type, "cancelled", System.nanoTime() - r.startedNanos);
                write(r.job, CANCEL, Tuple.of(id, settings.instanceId(), r.job.attempts), "cancelled");
            }
        });
        checkDrained();
        if (claimAgain) {
            claim();
        }
    }

    private void rescue() {
        if (state != State.RUNNING) {
            return;
        }
        pool.preparedQuery(RESCUE).execute().subscribe().with(rows -> onEngine(() -> {
            boolean requeued = false;
            for (Row row : rows) {
                String status = row.getString("status");
                LOG.warnf("job %s (%s): lease expired; %s", row.getUUID("id"), row.getString("type"),
                        status.equals("queued") ? "queued again" : status);
                metrics.outcome(row.getString("type"), "rescued");
                if (!status.equals("queued")) {
                    metrics.outcome(row.getString("type"), status);
                }
                requeued |= status.equals("queued");
            }
            if (requeued) {
                claim();
            }
        }), failure -> LOG.warnf("job engine %s could not rescue expired leases: %s", settings.instanceId(),
                failure.toString()));
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
