package io.integrationshub.jobs.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A job as clients see it (API.md 6); every field is present, null when unset. Never holds a secret. */
@Schema(name = "Job", description = "An asynchronous operation. Poll GET /v1/jobs/{id} until status is succeeded, failed or cancelled.")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobView(
        UUID id,
        UUID organisationId,
        @Schema(description = "integration.sync, broker.switch_token, project.disconnect or notification.deliver",
                example = "integration.sync") String type,
        @Schema(enumeration = {"queued", "running", "succeeded", "failed", "cancelled"}) String status,
        JobTarget target,
        @Schema(description = "Attempts started so far (a rescheduled run does not count)") int attempts,
        int maxAttempts,
        @Schema(description = "Earliest time the job (or its next retry) runs") Instant runAt,
        Instant createdAt,
        @Schema(nullable = true, description = "When the first attempt started") Instant startedAt,
        @Schema(nullable = true) Instant finishedAt,
        @Schema(nullable = true, type = SchemaType.OBJECT, description = "What a succeeded job produced") JsonNode result,
        @Schema(nullable = true, description = "Why the job failed, or why its last attempt did while it is retried") JobError error) {

    public static JobView of(Job job) {
        return new JobView(job.id, job.organisationId, job.type, job.status.wireName, new JobTarget(job.targetType, job.targetId),
                job.attempts, job.maxAttempts, job.runAt, job.createdAt, job.startedAt, job.finishedAt,
                job.result == null || job.result.isNull() ? null : job.result, job.error);
    }
}
