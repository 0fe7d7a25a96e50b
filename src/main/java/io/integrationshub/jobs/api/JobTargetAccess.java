package io.integrationshub.jobs.api;

import io.integrationshub.auth.Caller;
import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * Lets the feature that owns a kind of job target grant reading and cancelling its jobs to callers
 * without the organisation permission of the job's type (API.md 6: read permission on its target),
 * e.g. a project's collaborators reading its project.disconnect job. Implementations are CDI beans.
 */
public interface JobTargetAccess {
    /** The {@link JobTarget#type()} this bean decides for, e.g. {@code "project"}. */
    String targetType();

    /**
     * Completes when the caller may read ({@code edit} false) or cancel ({@code edit} true) jobs of
     * the target; fails with a 404 or 403 problem otherwise. Runs in the caller's session.
     */
    Uni<Void> require(Caller caller, UUID targetId, boolean edit);
}
