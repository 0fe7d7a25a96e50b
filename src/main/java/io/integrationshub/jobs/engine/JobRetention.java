package io.integrationshub.jobs.engine;

import io.integrationshub.common.PeriodicTimer;
import io.vertx.mutiny.core.Vertx;
import org.jboss.logging.Logger;

/**
 * Deletes finished jobs past retention ({@code hub.jobs.retention.*}: 7 days for succeeded and
 * cancelled, 30 for failed), off the hot path: every {@code interval} a delete of at most
 * {@code batch-size} of each, repeated after a short pause while batches come back full. Several
 * instances may run it at once: each skips the rows another is deleting.
 */
class JobRetention {
    private static final Logger LOG = Logger.getLogger(JobRetention.class);
    /** Between two full batches: lets claims and completions through between deletes. */
    private static final long PAUSE_MILLIS = 50;

    private final JobStore store;
    private final Vertx vertx;
    private final PeriodicTimer purges;
    private final JobEngineSettings.Retention settings;
    private volatile boolean purging;
    private volatile boolean stopped;

    JobRetention(JobStore store, Vertx vertx, JobEngineSettings.Retention settings) {
        this.store = store;
        this.vertx = vertx;
        this.purges = new PeriodicTimer(vertx);
        this.settings = settings;
    }

    void start() {
        purges.start(settings.interval(), this::purge);
    }

    void stop() {
        stopped = true;
        purges.stop();
    }

    private void purge() {
        if (purging || stopped) {
            return;
        }
        purging = true;
        store.purge(settings.succeeded(), settings.failed(), settings.batchSize()).subscribe().with(deleted -> {
            purging = false;
            if (deleted > 0) {
                LOG.debugf("deleted %d finished jobs past retention", deleted);
            }
            if (deleted >= settings.batchSize() && !stopped) {
                vertx.setTimer(PAUSE_MILLIS, id -> purge());
            }
        }, failure -> {
            purging = false;
            LOG.warnf("could not delete finished jobs past retention (next try in %s): %s", settings.interval(),
                    failure.toString());
        });
    }
}
