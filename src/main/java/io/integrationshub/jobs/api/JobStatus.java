package io.integrationshub.jobs.api;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The life cycle of a job: queued -> running -> succeeded | failed | cancelled (a retry goes back to queued). */
public enum JobStatus {
    QUEUED("queued"), RUNNING("running"), SUCCEEDED("succeeded"), FAILED("failed"), CANCELLED("cancelled");

    public final String wireName;

    JobStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Succeeded, failed and cancelled jobs are finished: they never run again. */
    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public static Optional<JobStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    public static JobStatus of(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown job status " + name));
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(s -> s.wireName).toList();
    }

    /** Stores the status as its wire name in the text column jobs.status. */
    @Converter
    public static class DbConverter implements AttributeConverter<JobStatus, String> {
        @Override
        public String convertToDatabaseColumn(JobStatus status) {
            return status == null ? null : status.wireName;
        }

        @Override
        public JobStatus convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}
