package io.integrationshub.jobs.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * What a handler knows about the job it runs.
 *
 * @param attempt     this attempt's number, from 1 (a rescheduled run does not count)
 * @param maxAttempts the last attempt's number
 * @param createdAt   when the job was enqueued (how long it has waited, reschedules included)
 */
public record JobContext(UUID jobId, UUID organisationId, String type, String targetType, UUID targetId,
        JsonNode payload, int attempt, int maxAttempts, Instant createdAt) {

    /** True when a retry outcome will fail the job instead. */
    public boolean isLastAttempt() {
        return attempt >= maxAttempts;
    }
}
