package io.integrationshub.jobs.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** What a job acts on, e.g. {@code ("integration", id)}; the job's read and cancel permissions follow its type. */
@Schema(name = "JobTarget")
public record JobTarget(@Schema(example = "integration") String type, UUID id) {
}
