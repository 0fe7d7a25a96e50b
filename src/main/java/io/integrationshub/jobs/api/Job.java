package io.integrationshub.jobs.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the jobs table (V3__jobs.sql, V9__jobs_batching.sql). Services receive it from {@link JobQueue#enqueue} and
 * hand it to {@link JobResponses#accepted}; the engine reads and writes rows with native SQL on the
 * reactive pool ({@link JobRows}), never through this entity.
 */
@Entity
@Table(name = "jobs")
public class Job extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID organisationId;
    public String type;
    public String targetType;
    public UUID targetId;
    @Convert(converter = JobStatus.DbConverter.class)
    public JobStatus status;
    public int attempts;
    public int maxAttempts;
    public Instant runAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode payload;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode result;
    @JdbcTypeCode(SqlTypes.JSON)
    public JobError error;
    /**
     * The last attempt errors (at most 5, oldest first), each {code, message, attempt, at}; not shown to
     * clients. Read by the engine's SQL ({@link JobRows}) only: Hibernate Reactive maps JSON objects, not arrays.
     */
    @Transient
    public JsonNode errors;
    public String dedupeKey;
    public String leaseOwner;
    public Instant leaseExpiresAt;
    public boolean cancelRequested;
    public Instant createdAt;
    public Instant startedAt;
    public Instant finishedAt;
    public Instant updatedAt;

    public boolean isFinished() {
        return status != null && status.isFinished();
    }

    @Override
    public String toString() {
        return "Job[" + id + " " + type + " " + status + " attempt " + attempts + "/" + maxAttempts + "]";
    }
}
