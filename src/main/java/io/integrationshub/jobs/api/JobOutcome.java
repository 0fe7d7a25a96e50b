package io.integrationshub.jobs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** How one attempt of a job ended; handlers return one of the factories. */
public sealed interface JobOutcome {

    /** The job is done; {@code result} (no secrets) is shown to clients. */
    static JobOutcome succeeded(JsonNode result) {
        return new Succeeded(result == null ? JsonNodeFactory.instance.objectNode() : result);
    }

    static JobOutcome succeeded() {
        return succeeded(null);
    }

    /** The job failed for good (no retry), e.g. {@code failed("provider_auth_failed", "...")}. */
    static JobOutcome failed(String code, String message) {
        return new Failed(new JobError(code, message));
    }

    /** This attempt failed transiently: retried with backoff while attempts remain, else failed with this error. */
    static JobOutcome retry(String code, String message) {
        return new Retry(new JobError(code, message));
    }

    /**
     * As {@link #retry}, the attempt used up, but the next attempt waits {@code delay} instead of
     * {@link JobHandler#retryDelay}: a handler whose remote asked for a longer wait (a receiver's
     * {@code Retry-After}) returns its schedule's delay or that wait, whichever is longer. On the last attempt the
     * job fails with this error, like {@link #retry}.
     */
    static JobOutcome retryIn(Duration delay, String code, String message) {
        Objects.requireNonNull(delay, "delay");
        return new Retry(new JobError(code, message), delay.isNegative() ? Duration.ZERO : delay);
    }

    /**
     * Run the job again at {@code when} without consuming an attempt (e.g. a provider's rate limit, which the
     * contract says uses none). Used repeatedly, the job never runs out of attempts: a wait that should count
     * as a failed attempt is {@link #retryIn}.
     */
    static JobOutcome rescheduleAt(Instant when, String reason) {
        return new Reschedule(Objects.requireNonNull(when, "when"), reason == null ? "" : reason);
    }

    record Succeeded(JsonNode result) implements JobOutcome {
    }

    record Failed(JobError error) implements JobOutcome {
    }

    /** {@code delay} null: the handler's {@link JobHandler#retryDelay}, else the engine's backoff. */
    record Retry(JobError error, Duration delay) implements JobOutcome {
        public Retry(JobError error) {
            this(error, null);
        }
    }

    record Reschedule(Instant when, String reason) implements JobOutcome {
    }
}
