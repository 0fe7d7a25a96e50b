package io.integrationshub.projects;

import io.integrationshub.auth.Caller;
import io.integrationshub.jobs.api.JobTargetAccess;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Jobs whose target is a project: readable with READ on the project, cancellable with EDIT. */
@ApplicationScoped
public class ProjectJobAccess implements JobTargetAccess {
    private final ProjectAccess access;

    public ProjectJobAccess(ProjectAccess access) {
        this.access = access;
    }

    @Override
    public String targetType() {
        return ProjectService.TARGET_TYPE;
    }

    @Override
    public Uni<Void> require(Caller caller, UUID targetId, boolean edit) {
        return access.require(caller, targetId, edit ? ProjectRight.EDIT : ProjectRight.READ).replaceWithVoid();
    }
}
