package io.integrationshub.jobs;

import io.integrationshub.jobs.api.JobResponses;
import io.integrationshub.jobs.api.JobView;
import io.integrationshub.jobs.api.NewJob;
import io.integrationshub.common.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** Test-only endpoint that starts a job the way feature endpoints do, to exercise JobResponses and Prefer: wait. */
@Path("/test-support/jobs")
public class TestJobResource {
    private final TestJobs jobs;
    private final JobResponses responses;

    public TestJobResource(TestJobs jobs, JobResponses responses) {
        this.jobs = jobs;
        this.responses = responses;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<JobView>> start(@RestQuery("org") String org, @RestQuery("type") String type,
            @RestQuery("millis") Long millis, @RestHeader("Prefer") String prefer) {
        NewJob job = NewJob.of(UUID.fromString(org), type, "test", Ids.newId())
                .withPayload(JobFixtures.json("{\"millis\": " + (millis == null ? 0 : millis) + "}"));
        return jobs.enqueue(job).flatMap(started -> responses.accepted(started, prefer));
    }
}
