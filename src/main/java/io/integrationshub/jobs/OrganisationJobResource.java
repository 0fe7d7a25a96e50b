package io.integrationshub.jobs;

import io.integrationshub.jobs.api.JobStatus;
import io.integrationshub.jobs.api.JobTypes;
import io.integrationshub.jobs.engine.JobHandlers;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.Ids;
import io.integrationshub.common.error.ApiException;
import io.integrationshub.common.error.Problem;
import io.integrationshub.common.page.PageParams;
import io.integrationshub.common.page.PageRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/** An organisation's jobs (the per-job endpoints are in {@link JobResource}). */
@Path("/v1/orgs/{org_id}/jobs")
@Authenticated
@Tag(name = "Jobs")
@Produces(MediaType.APPLICATION_JSON)
public class OrganisationJobResource {
    private static final String PROBLEM = "application/problem+json";

    private final JobService service;
    private final JobHandlers handlers;
    private final CurrentCaller current;

    public OrganisationJobResource(JobService service, JobHandlers handlers, CurrentCaller current) {
        this.service = service;
        this.handlers = handlers;
        this.current = current;
    }

    @GET
    @Operation(operationId = "listOrganisationJobs", summary = "List the organisation's jobs, oldest first by default (org.integration.read)",
            description = "The organisation's jobs, filtered by type, status and target_id.")
    @APIResponse(responseCode = "200", description = "A page of jobs", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter, limit, sort or cursor (errors[].parameter names it)", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A role without org.integration.read", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organisation, or no role in it", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<JobPage> list(@RestPath("org_id") UUID org,
            @RestQuery @Parameter(description = "Only jobs of this type", schema = @Schema(enumeration = {"integration.sync", "broker.switch_token", "project.disconnect", "notification.deliver"})) String type,
            @RestQuery @Parameter(description = "Only jobs in this status", schema = @Schema(enumeration = {"queued", "running", "succeeded", "failed", "cancelled"})) String status,
            @RestQuery("target_id") @Parameter(description = "Only jobs acting on this target", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String targetId,
            @BeanParam PageParams params) {
        // Whether the organisation exists for the caller comes before what is wrong with the query.
        service.authoriseList(current.get(), org);
        if (type != null && !(JobTypes.isValidName(type) && handlers.isKnownType(type))) {
            TreeSet<String> known = new TreeSet<>(JobTypes.DOCUMENTED);
            known.addAll(handlers.types());
            throw ApiException.badParameter("type", "must be one of " + String.join(", ", known));
        }
        JobStatus jobStatus = status == null ? null : JobStatus.fromWireName(status)
                .orElseThrow(() -> ApiException.badParameter("status", "must be one of " + String.join(", ", JobStatus.wireNames())));
        UUID target = targetId == null ? null : Ids.parameter("target_id", targetId);
        Map<String, Object> filters = new HashMap<>();
        filters.put("type", type);
        filters.put("status", status);
        filters.put("target_id", target);
        PageRequest page = params.toRequest("jobs:" + org, filters);
        return service.list(current.get(), org, type, jobStatus, target, page).map(p -> p.into(JobPage::new));
    }
}
