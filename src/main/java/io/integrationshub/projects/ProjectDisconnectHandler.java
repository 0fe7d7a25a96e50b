package io.integrationshub.projects;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.jobs.api.JobContext;
import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobOutcome;
import io.integrationshub.jobs.api.JobTypes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs project.disconnect jobs: tears the connection down at the cloud provider, then moves the
 * project from disconnecting to disconnected (audited with the system actor). Idempotent: a retry
 * after the project is disconnected, or deleted, changes nothing and succeeds.
 */
@ApplicationScoped
public class ProjectDisconnectHandler implements JobHandler {
    private final ProjectRepository projects;
    private final CloudConnections cloud;
    private final AuditLog audit;

    public ProjectDisconnectHandler(ProjectRepository projects, CloudConnections cloud, AuditLog audit) {
        this.projects = projects;
        this.cloud = cloud;
        this.audit = audit;
    }

    @Override
    public String type() {
        return JobTypes.PROJECT_DISCONNECT;
    }

    @Override
    public Uni<JobOutcome> run(JobContext context) {
        // No transaction is held while the provider is called.
        return Panache.withSession(() -> projects.findById(context.targetId())).flatMap(project -> {
            if (project == null) {
                return Uni.createFrom().item(JobOutcome.succeeded(result("project_deleted")));
            }
            if (!Project.DISCONNECTING.equals(project.cloudConnection)) {
                return Uni.createFrom().item(JobOutcome.succeeded(result(project.cloudConnection)));
            }
            return cloud.disconnect(project).flatMap(ignored -> Panache.withTransaction(() -> markDisconnected(context)));
        });
    }

    private Uni<JobOutcome> markDisconnected(JobContext context) {
        return projects.findForUpdate(context.targetId()).flatMap(project -> {
            if (project == null) {
                return Uni.createFrom().item(JobOutcome.succeeded(result("project_deleted")));
            }
            if (!Project.DISCONNECTING.equals(project.cloudConnection)) {
                return Uni.createFrom().item(JobOutcome.succeeded(result(project.cloudConnection)));
            }
            project.cloudConnection = Project.DISCONNECTED;
            project.touch();
            return audit.record("system", context.jobId().toString(), project.organisationId, "project.disconnected",
                            ProjectService.TARGET_TYPE, project.id,
                            Changes.of().field("cloud_connection", Project.DISCONNECTING, Project.DISCONNECTED))
                    .call(projects::flush)
                    .map(ignored -> JobOutcome.succeeded(result(Project.DISCONNECTED)));
        });
    }

    private static ObjectNode result(String state) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        if ("project_deleted".equals(state)) {
            result.put("project_deleted", true);
        } else {
            result.put("cloud_connection", state);
        }
        return result;
    }
}
