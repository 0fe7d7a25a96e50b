package io.integrationshub.jobs.engine;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobError;
import io.integrationshub.jobs.api.JobStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Native-SQL mapping of the jobs table for the engine and the waiter, which use the reactive pool directly. */
public final class JobRows {
    /** The columns every engine query returns; JSON columns come back as text so Jackson parses them. */
    public static final String COLUMNS = "id, organisation_id, type, target_type, target_id, status, attempts, max_attempts, run_at, "
            + "payload::text as payload, result::text as result, error::text as error, errors::text as errors, dedupe_key, lease_owner, "
            + "lease_expires_at, cancel_requested, created_at, started_at, finished_at, updated_at";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobRows() {
    }

    public static Job job(Row row) {
        Job job = new Job();
        job.id = row.getUUID("id");
        job.organisationId = row.getUUID("organisation_id");
        job.type = row.getString("type");
        job.targetType = row.getString("target_type");
        job.targetId = row.getUUID("target_id");
        job.status = JobStatus.of(row.getString("status"));
        job.attempts = row.getInteger("attempts");
        job.maxAttempts = row.getInteger("max_attempts");
        job.runAt = instant(row, "run_at");
        job.payload = json(row.getString("payload"));
        job.result = json(row.getString("result"));
        JsonNode error = json(row.getString("error"));
        job.error = error == null || error.isNull() ? null : new JobError(error.path("code").asText(null),
                error.path("message").asText(null));
        job.errors = json(row.getString("errors"));
        job.dedupeKey = row.getString("dedupe_key");
        job.leaseOwner = row.getString("lease_owner");
        job.leaseExpiresAt = instant(row, "lease_expires_at");
        job.cancelRequested = Boolean.TRUE.equals(row.getBoolean("cancel_requested"));
        job.createdAt = instant(row, "created_at");
        job.startedAt = instant(row, "started_at");
        job.finishedAt = instant(row, "finished_at");
        job.updatedAt = instant(row, "updated_at");
        return job;
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("jobs row holds invalid JSON", e);
        }
    }

    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON", e);
        }
    }
}
