package io.integrationshub.jobs.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why a job failed (or why its last attempt did): a stable code and a message free of secrets. */
@Schema(name = "JobError")
@RegisterForReflection // read and written by Hibernate's JSON mapper (jobs.error), also in native images
public record JobError(@Schema(example = "provider_auth_failed") String code,
        @Schema(example = "the provider rejected the stored credentials") String message) {
    static final int MAX_MESSAGE = 1000;

    public JobError {
        code = code == null || code.isBlank() ? "error" : code;
        message = message == null ? "" : message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    }
}
