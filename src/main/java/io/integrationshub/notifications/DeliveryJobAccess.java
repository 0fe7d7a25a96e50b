package io.integrationshub.notifications;

import io.integrationshub.auth.Caller;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.jobs.api.JobTargetAccess;
import io.integrationshub.projects.ProjectAccess;
import io.integrationshub.projects.ProjectRight;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** notification.deliver jobs (target: the delivery) are readable with READ on its project, cancellable with EDIT. */
@ApplicationScoped
public class DeliveryJobAccess implements JobTargetAccess {
    private final DeliveryRepository deliveries;
    private final ProjectAccess projects;

    public DeliveryJobAccess(DeliveryRepository deliveries, ProjectAccess projects) {
        this.deliveries = deliveries;
        this.projects = projects;
    }

    @Override
    public String targetType() {
        return DeliveryJobs.TARGET_TYPE;
    }

    @Override
    public Uni<Void> require(Caller caller, UUID targetId, boolean edit) {
        return deliveries.findById(targetId)
                .onItem().ifNull().failWith(() -> new NotFound("no such job"))
                .flatMap(d -> projects.require(caller, d.projectId, edit ? ProjectRight.EDIT : ProjectRight.READ))
                .replaceWithVoid();
    }
}
