package io.integrationshub.jobs.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
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
    @Column(name = "organisation_id")
    public UUID organisationId;
    public String type;
    @Column(name = "target_type")
    public String targetType;
    @Column(name = "target_id")
    public UUID targetId;
    @Convert(converter = JobStatus.DbConverter.class)
    public JobStatus status;
    public int attempts;
    @Column(name = "max_attempts")
    public int maxAttempts;
    @Column(name = "run_at")
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
    @Column(name = "dedupe_key")
    public String dedupeKey;
    @Column(name = "lease_owner")
    public String leaseOwner;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    @Column(name = "cancel_requested")
    public boolean cancelRequested;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isFinished() {
        return status != null && status.isFinished();
    }

    @Override
    public String toString() {
        return "Job[" + id + " " + type + " " + status + " attempt " + attempts + "/" + maxAttempts + "]";
    }
}
