package io.integrationshub.jobs.engine;

import io.vertx.mutiny.core.Vertx;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Keeps this instance's leases and takes back dead workers' ones. Every {@code heartbeat-interval} one
 * statement renews the leases of all jobs the engine holds (prefetched, running, outcome not yet
 * written); a job missing from the answer was rescued by someone else (lease lost), a job flagged
 * {@code cancel_requested} is stopped. Every {@code rescue-interval} any expired lease, whoever held it,
 * is returned to the queue ({@link JobStore#rescue}).
 */
class LeaseKeeper {
    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

    /** What the keeper needs from the engine; called on the engine's context. */
    interface Holder {
        List<UUID> heldLeases();

        void leaseLost(UUID id);

        void cancelRequested(UUID id);
    }

    private final JobStore store;
    private final Vertx vertx;
    private final Consumer<Runnable> onEngine;
    private final JobEngineSettings settings;
    private final JobMetrics metrics;
    private final Holder holder;
    /** Jobs went back to the queue: look for work. */
    private final Runnable onRequeued;
    private final List<Long> timers = new ArrayList<>();
    private boolean renewing;

    LeaseKeeper(JobStore store, Vertx vertx, Consumer<Runnable> onEngine, JobEngineSettings settings, JobMetrics metrics,
            Holder holder, Runnable requeued) {
        this.store = store;
        this.vertx = vertx;
        this.onEngine = onEngine;
        this.settings = settings;
        this.metrics = metrics;
        this.holder = holder;
        this.onRequeued = requeued;
    }

    void start() {
        timers.add(vertx.setPeriodic(settings.heartbeatInterval().toMillis(), id -> onEngine.accept(this::heartbeat)));
        timers.add(vertx.setPeriodic(settings.rescueInterval().toMillis(), id -> onEngine.accept(this::rescue)));
        rescue();
    }

    void stop() {
        timers.forEach(vertx::cancelTimer);
        timers.clear();
    }

    private void heartbeat() {
        List<UUID> sent = holder.heldLeases();
        if (sent.isEmpty() || renewing) {
            return;
        }
        renewing = true;
        store.renew(sent).subscribe().with(renewed -> onEngine.accept(() -> {
            renewing = false;
            renewed(sent, renewed);
        }), failure -> onEngine.accept(() -> {
            renewing = false;
            LOG.warnf("job engine %s could not renew its leases: %s", settings.instanceId(), failure.toString());
        }));
    }

    private void renewed(List<UUID> sent, Map<UUID, Boolean> renewed) {
        for (UUID id : sent) {
            Boolean cancel = renewed.get(id);
            if (cancel == null) {
                holder.leaseLost(id);
            } else if (cancel) {
                holder.cancelRequested(id);
            }
        }
    }

    private void rescue() {
        store.rescue().subscribe().with(rows -> onEngine.accept(() -> {
            boolean requeued = false;
            for (JobStore.Rescued row : rows) {
                LOG.warnf("job %s (%s): lease expired; %s", row.id(), row.type(),
                        row.status().equals("queued") ? "queued again" : row.status());
                metrics.outcome(row.type(), "rescued");
                if (!row.status().equals("queued")) {
                    metrics.outcome(row.type(), row.status());
                }
                requeued |= row.status().equals("queued");
            }
            if (requeued) {
                onRequeued.run();
            }
        }), failure -> LOG.warnf("job engine %s could not rescue expired leases: %s", settings.instanceId(),
                failure.toString()));
    }
}
