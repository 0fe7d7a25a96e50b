package io.integrationshub.notifications;

import io.integrationshub.auth.Caller;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.jobs.api.JobTargetAccess;
import io.integrationshub.projects.ProjectJobAccess;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** notification.deliver jobs (target: the delivery) are jobs of the delivery's project, as {@link ProjectJobAccess} decides. */
@ApplicationScoped
public class DeliveryJobAccess implements JobTargetAccess {
    private final DeliveryRepository deliveries;
    private final ProjectJobAccess projectJobs;

    public DeliveryJobAccess(DeliveryRepository deliveries, ProjectJobAccess projectJobs) {
        this.deliveries = deliveries;
        this.projectJobs = projectJobs;
    }

    @Override
    public String targetType() {
        return DeliveryJobs.TARGET_TYPE;
    }

    @Override
    public Uni<Void> require(Caller caller, UUID targetId, boolean edit) {
        return deliveries.findById(targetId)
                .onItem().ifNull().failWith(() -> new NotFound("no such job"))
                .flatMap(d -> projectJobs.require(caller, d.projectId, edit));
    }
}
