package io.integrationshub.jobs.engine;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobContext;
import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobOutcome;
import io.integrationshub.common.web.RequestIds;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * One attempt of a job on this instance: its handler runs on a fresh duplicated context (so it may
 * open its own transactions) under the handler's time limit. {@link #abandon} stops it and makes it
 * forget its outcome (lease lost, cancelled, released). Fields are touched on the engine's context,
 * except {@code subscription}.
 */
final class JobAttempt {
    final Job job;
    final JobHandler handler;
    final long startedNanos = System.nanoTime();
    private volatile Cancellable subscription;
    private volatile boolean done;

    JobAttempt(Job job, JobHandler handler) {
        this.job = job;
        this.handler = handler;
    }

    /**
     * Runs the handler; {@code onEnd} receives the outcome or the failure (a timeout is a
     * {@link TimeoutException}) and is called at most once, never after {@link #abandon}.
     */
    void start(Context engineContext, Duration defaultTimeout, BiConsumer<JobOutcome, Throwable> onEnd) {
        JobContext jobContext = new JobContext(job.id, job.organisationId, job.type, job.targetType, job.targetId,
                job.payload, job.attempts, job.maxAttempts, job.createdAt);
        Duration timeout = handler.timeout() != null ? handler.timeout() : defaultTimeout;
        Context handlerContext = VertxContext.createNewDuplicatedContext(engineContext);
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
            subscription = attempt
                    .ifNoItem().after(timeout).failWith(() -> new TimeoutException("attempt exceeded " + timeout))
                    .subscribe().with(outcome -> end(onEnd, outcome, null), failure -> end(onEnd, null, failure));
            if (done) {
                subscription.cancel(); // abandoned before the handler even subscribed
            }
        });
    }

    /** Marks the attempt ended; false when it already was (its outcome is then not to be recorded). */
    boolean markDone() {
        if (done) {
            return false;
        }
        done = true;
        return true;
    }

    /** Stops the handler; its outcome, if any comes, is dropped. */
    void abandon() {
        done = true;
        Cancellable s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    private void end(BiConsumer<JobOutcome, Throwable> onEnd, JobOutcome outcome, Throwable failure) {
        if (!done) {
            onEnd.accept(outcome, failure);
        }
    }
}
