package io.integrationshub.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.common.PeriodicTimer;
import io.integrationshub.common.Times;
import io.integrationshub.integrations.SyncSchedule;
import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobQueue;
import io.integrationshub.jobs.api.NewJob;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the syncs that {@code sync_interval_minutes} asks for (API.md 4.2). Every instance runs one;
 * they never start the same sync twice: a claim moves each due integration's {@code next_sync_at}
 * one interval (plus jitter) ahead under {@code for update skip locked}, and enqueues its job in the
 * same transaction with the sync's dedupe key, so a sync already queued or running is reused. Only
 * enabled integrations with credentials whose schedule is armed are due: refused credentials and
 * disabling disarm it until the integration changes.
 */
@ApplicationScoped
public class SyncScheduler {
    private static final Logger LOG = Logger.getLogger(SyncScheduler.class);
    /** The actor of scheduled syncs in jobs and the audit log (API.md 8). */
    public static final String ACTOR_TYPE = "system";
    public static final String ACTOR_ID = "sync-scheduler";

    // The claim moves next_sync_at without a version bump: it is the service's bookkeeping, not a change a
    // client could conflict with; the sync's outcome bumps the version when it records the status.
    private static final String CLAIM = """
            with due as (
                select id from integrations
                where next_sync_at <= now() and enabled and sync_interval_minutes is not null
                  and credentials_ciphertext is not null
                order by next_sync_at
                limit :batch
                for update skip locked),
            claimed as (
                update integrations set next_sync_at = %s
                from due where integrations.id = due.id
                returning integrations.id, integrations.organisation_id)
            select id, organisation_id from claimed""".formatted(SyncSchedule.NEXT_AFTER_NOW_SQL);

    private final JobQueue jobs;
    private final AuditLog audit;
    private final Vertx vertx;
    private final PeriodicTimer ticks;
    private final SyncConfig config;
    private final AtomicBoolean ticking = new AtomicBoolean();

    public SyncScheduler(JobQueue jobs, AuditLog audit, Vertx vertx, SyncConfig config) {
        this.jobs = jobs;
        this.audit = audit;
        this.vertx = vertx;
        this.ticks = new PeriodicTimer(vertx);
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (config.scheduler().enabled()) {
            ticks.start(config.scheduler().every(), this::tick);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        ticks.stop();
    }

    /** One tick: batches until none is full; a tick still running makes the next one a no-op. */
    private void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        Multi.createBy().repeating().uni(this::claimDue).whilst(claimed -> claimed >= config.scheduler().batchSize())
                .collect().last()
                .subscribe().with(ignored -> ticking.set(false), failure -> {
                    ticking.set(false);
                    LOG.warnf("scheduled syncs could not be claimed: %s", failure.toString());
                });
    }

    /**
     * Claims up to one batch of due integrations and enqueues their syncs, in one transaction on a
     * fresh Vert.x context; answers how many were claimed.
     */
    public Uni<Integer> claimDue() {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().<Integer>emitter(emitter -> context.runOnContext(ignored ->
                Panache.withTransaction(this::claimAndEnqueue).subscribe().with(emitter::complete, emitter::fail)));
    }

    private Uni<Integer> claimAndEnqueue() {
        Instant started = Times.now();
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(CLAIM).setParameter("batch", config.scheduler().batchSize())
                        .getResultList())
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Multi.createFrom().iterable(rows)
                            .onItem().transformToUniAndConcatenate(row -> {
                                Object[] columns = (Object[]) row;
                                return enqueue((UUID) columns[0], (UUID) columns[1], started);
                            })
                            .collect().asList().map(List::size);
                });
    }

    private Uni<Job> enqueue(UUID integrationId, UUID organisationId, Instant started) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("trigger", "schedule");
        payload.putObject("actor").put("type", ACTOR_TYPE).put("id", ACTOR_ID);
        return jobs.enqueue(NewJob.of(organisationId, SyncService.JOB_TYPE, "integration", integrationId)
                        .withPayload(payload)
                        .withDedupeKey(SyncService.JOB_TYPE + ":" + integrationId))
                // A sync already queued or running is reused and was audited when it was requested.
                .call(job -> job.createdAt.isBefore(started) ? Uni.createFrom().voidItem()
                        : audit.record(ACTOR_TYPE, ACTOR_ID, organisationId, "integration.sync_requested", "integration",
                                integrationId, Changes.of().field("sync_job_id", null, job.id.toString())
                                        .field("trigger", null, "schedule")));
    }
}
