package io.integrationshub.jobs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

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

    /** Run the job again at {@code when} without consuming an attempt (e.g. a provider's rate limit). */
    static JobOutcome rescheduleAt(Instant when, String reason) {
        return new Reschedule(Objects.requireNonNull(when, "when"), reason == null ? "" : reason);
    }

    record Succeeded(JsonNode result) implements JobOutcome {
    }

    record Failed(JobError error) implements JobOutcome {
    }

    record Retry(JobError error) implements JobOutcome {
    }

    record Reschedule(Instant when, String reason) implements JobOutcome {
    }
}
