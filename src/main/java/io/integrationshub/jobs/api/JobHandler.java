package io.integrationshub.jobs.api;

import io.smallrye.mutiny.Uni;

import java.time.Duration;

/**
 * Runs the jobs of one type. Implementations are CDI beans ({@code @ApplicationScoped}); the engine
 * finds them at start. {@link #run} is called on a fresh Vert.x duplicated context, so it may use
 * {@code Panache.withTransaction} or {@code @WithTransaction} beans. Jobs run at least once: a
 * worker may die after the effect and before recording the outcome, so effects must be idempotent.
 */
public interface JobHandler {
    int DEFAULT_MAX_ATTEMPTS = 5;

    /** The job type this handler runs, e.g. {@code "integration.sync"}. */
    String type();

    /** Runs one attempt. A failed Uni, or no outcome within {@link #timeout()}, counts as {@link JobOutcome#retry}. */
    Uni<JobOutcome> run(JobContext context);

    /** Attempts a job of this type gets when {@link NewJob#maxAttempts()} is not given. */
    default int maxAttempts() {
        return DEFAULT_MAX_ATTEMPTS;
    }

    /** How long one attempt may take; null: {@code hub.jobs.handler-timeout}. */
    default Duration timeout() {
        return null;
    }

    /**
     * The delay before retry number {@code attempt} (the attempt that just failed, from 1); null: the
     * engine's exponential backoff with full jitter ({@code hub.jobs.backoff-base}, {@code hub.jobs.backoff-max}).
     */
    default Duration retryDelay(int attempt) {
        return null;
    }
}
