package io.integrationshub.jobs;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobStatus;
import io.integrationshub.jobs.api.JobTypes;
import io.integrationshub.jobs.api.NewJob;
import io.integrationshub.common.Ids;
import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.integrationshub.jobs.JobFixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** The jobs API over real HTTP: shape, permissions, filters, pagination, cancel, Prefer: wait, metrics. */
@QuarkusTest
class JobResourceTest {
    static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    static final Set<String> JOB_FIELDS = Set.of("id", "organisation_id", "type", "status", "target", "attempts",
            "max_attempts", "run_at", "created_at", "started_at", "finished_at", "result", "error");

    @Inject
    TestJobs jobs;
    @Inject
    Pool pool;
    @Inject
    JobProbe probe;

    private Job sync(UUID org, UUID integration) {
        // integration.sync jobs due in an hour stay queued whatever handlers exist.
        return enqueue(jobs, NewJob.of(org, JobTypes.INTEGRATION_SYNC, "integration", integration)
                .withRunAt(Instant.now().plus(1, ChronoUnit.HOURS)));
    }

    @Test
    void theListShowsOnlyJobTypesTheCallerMayRead() {
        UUID org = io.integrationshub.support.Fixtures.organisation();
        Job sync = JobFixtures.enqueue(jobs, JobFixtures.job(org, JobTypes.INTEGRATION_SYNC).withRunAt(java.time.Instant.now().plusSeconds(3600)));
        Job disconnect = JobFixtures.enqueue(jobs, JobFixtures.job(org, JobTypes.PROJECT_DISCONNECT).withRunAt(java.time.Instant.now().plusSeconds(3600)));
        String integrationReader = io.integrationshub.support.TestTokens.user().permissions(org, "org.integration.read").bearer();
        io.restassured.RestAssured.given().header("Authorization", integrationReader)
                .when().get("/v1/orgs/" + org + "/jobs")
                .then().statusCode(200)
                .body("data.id", contains(sync.id.toString()));
        io.restassured.RestAssured.given().header("Authorization", integrationReader).queryParam("type", JobTypes.PROJECT_DISCONNECT)
                .when().get("/v1/orgs/" + org + "/jobs").then().statusCode(403);
        io.restassured.RestAssured.given().header("Authorization", io.integrationshub.support.Fixtures.as(org, "viewer"))
                .when().get("/v1/orgs/" + org + "/jobs")
                .then().statusCode(200)
                .body("data.id", containsInAnyOrder(sync.id.toString(), disconnect.id.toString()));
    }

    @Test
    void getShowsTheJobAsTheContractSaysWithNullsPresent() {
        UUID org = Fixtures.organisation();
        Job job = enqueue(jobs, job(org, "test.noop"));
        awaitStatus(pool, job.id, JobStatus.SUCCEEDED);
        Map<String, Object> body = given().header("Authorization", Fixtures.as(org, "viewer"))
                .when().get("/v1/jobs/" + job.id)
                .then().statusCode(200)
                .body("id", equalTo(job.id.toString()))
                .body("organisation_id", equalTo(org.toString()))
                .body("type", equalTo("test.noop"))
                .body("status", equalTo("succeeded"))
                .body("target.type", equalTo("test"))
                .body("target.id", equalTo(job.targetId.toString()))
                .body("attempts", equalTo(1))
                .body("max_attempts", equalTo(5))
                .body("run_at", matchesPattern(TIMESTAMP))
                .body("created_at", matchesPattern(TIMESTAMP))
                .body("started_at", matchesPattern(TIMESTAMP))
                .body("finished_at", matchesPattern(TIMESTAMP))
                .body("result.attempt", equalTo(1))
                .body("error", nullValue())
                .extract().jsonPath().getMap("");
        assertThat(body.keySet()).isEqualTo(JOB_FIELDS);

        Job queued = sync(org, Ids.newId());
        Map<String, Object> fresh = given().header("Authorization", Fixtures.as(org, "viewer"))
                .when().get("/v1/jobs/" + queued.id)
                .then().statusCode(200).body("status", equalTo("queued")).body("attempts", equalTo(0))
                .body("started_at", nullValue()).body("result", nullValue())
                .extract().jsonPath().getMap("");
        assertThat(fresh).containsKeys("started_at", "finished_at", "result", "error");

        Job failing = enqueue(jobs, job(org, "test.flaky").withPayload(json("{\"fail_times\": 9, \"mode\": \"fail\"}")));
        awaitStatus(pool, failing.id, JobStatus.FAILED);
        given().header("Authorization", Fixtures.as(org, "viewer")).when().get("/v1/jobs/" + failing.id)
                .then().statusCode(200).body("status", equalTo("failed")).body("result", nullValue())
                .body("error.code", equalTo("boom")).body("error.message", equalTo("permanent failure"));
    }

    @Test
    void readingNeedsARoleInTheJobsOrganisationAndReadPermissionOnItsTarget() {
        UUID org = Fixtures.organisation();
        UUID other = Fixtures.organisation();
        Job job = sync(org, Ids.newId());
        given().header("Authorization", Fixtures.as(other, "owner")).when().get("/v1/jobs/" + job.id)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
        given().header("Authorization", TestTokens.user().permissions(org, "org.read").bearer())
                .when().get("/v1/jobs/" + job.id).then().statusCode(403).body("code", equalTo("forbidden"));
        given().header("Authorization", TestTokens.user().permissions(org, "org.integration.read").bearer())
                .when().get("/v1/jobs/" + job.id).then().statusCode(200);
        given().header("Authorization", Fixtures.as(org, "owner")).when().get("/v1/jobs/" + Ids.newId())
                .then().statusCode(404);
        given().header("Authorization", Fixtures.as(org, "owner")).when().get("/v1/jobs/not-a-uuid")
                .then().statusCode(400).body("errors[0].parameter", equalTo("job_id"));
        given().when().get("/v1/jobs/" + job.id).then().statusCode(401);
    }

    @Test
    void listFiltersAndPagesAnOrganisationsJobs() {
        UUID org = Fixtures.organisation();
        UUID t1 = Ids.newId();
        UUID t2 = Ids.newId();
        Job a = sync(org, t1);
        Job b = sync(org, t1);
        Job c = sync(org, t2);
        Job done = enqueue(jobs, job(org, "test.noop"));
        awaitStatus(pool, done.id, JobStatus.SUCCEEDED);
        enqueue(jobs, job(Fixtures.organisation(), "test.noop")); // another organisation's job never shows
        String viewer = Fixtures.as(org, "viewer");
        String path = "/v1/orgs/" + org + "/jobs";

        given().header("Authorization", viewer).when().get(path).then().statusCode(200)
                .body("data.id", contains(a.id.toString(), b.id.toString(), c.id.toString(), done.id.toString()))
                .body("has_more", equalTo(false));
        given().header("Authorization", viewer).queryParam("type", "integration.sync").when().get(path)
                .then().statusCode(200).body("data.id", contains(a.id.toString(), b.id.toString(), c.id.toString()));
        given().header("Authorization", viewer).queryParam("target_id", t1.toString()).when().get(path)
                .then().statusCode(200).body("data.id", contains(a.id.toString(), b.id.toString()));
        given().header("Authorization", viewer).queryParam("status", "succeeded").when().get(path)
                .then().statusCode(200).body("data.id", contains(done.id.toString()));
        given().header("Authorization", viewer).queryParam("status", "queued").queryParam("sort", "-created_at")
                .when().get(path).then().statusCode(200)
                .body("data.id", contains(c.id.toString(), b.id.toString(), a.id.toString()));

        ValidatableResponse first = given().header("Authorization", viewer).queryParam("type", "integration.sync")
                .queryParam("limit", 2).when().get(path).then().statusCode(200)
                .body("data.id", contains(a.id.toString(), b.id.toString()))
                .body("has_more", equalTo(true)).body("prev_cursor", nullValue());
        String next = first.extract().path("next_cursor");
        given().header("Authorization", viewer).queryParam("type", "integration.sync").queryParam("limit", 2)
                .queryParam("cursor", next).when().get(path).then().statusCode(200)
                .body("data.id", contains(c.id.toString())).body("has_more", equalTo(false))
                .body("prev_cursor", notNullValue());
        given().header("Authorization", viewer).queryParam("type", "test.noop").queryParam("cursor", next)
                .when().get(path).then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
    }

    @Test
    void listRejectsBadFiltersAndCallersWithoutPermission() {
        UUID org = Fixtures.organisation();
        String owner = Fixtures.as(org, "owner");
        String path = "/v1/orgs/" + org + "/jobs";
        given().header("Authorization", owner).queryParam("status", "done").when().get(path).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("bad_input"))
                .body("errors[0].parameter", equalTo("status"));
        given().header("Authorization", owner).queryParam("type", "integration.nope").when().get(path)
                .then().statusCode(400).body("errors[0].parameter", equalTo("type"));
        given().header("Authorization", owner).queryParam("target_id", "12").when().get(path)
                .then().statusCode(400).body("errors[0].parameter", equalTo("target_id"));
        given().header("Authorization", owner).queryParam("limit", 0).when().get(path)
                .then().statusCode(400).body("errors[0].parameter", equalTo("limit"));
        given().header("Authorization", TestTokens.user().permissions(org, "org.read").bearer()).when().get(path)
                .then().statusCode(403);
        given().header("Authorization", Fixtures.as(Fixtures.organisation(), "owner")).when().get(path)
                .then().statusCode(404);
        given().header("Authorization", owner).when().get("/v1/orgs/nope/jobs")
                .then().statusCode(400).body("errors[0].parameter", equalTo("org_id"));
    }

    @Test
    void cancelStopsAQueuedJobAndRefusesFinishedOnes() {
        UUID org = Fixtures.organisation();
        Job job = sync(org, Ids.newId());
        given().header("Authorization", Fixtures.as(org, "viewer")).when().post("/v1/jobs/" + job.id + "/cancel")
                .then().statusCode(403).body("code", equalTo("forbidden"));
        given().header("Authorization", Fixtures.as(org, "member")).when().post("/v1/jobs/" + job.id + "/cancel")
                .then().statusCode(403);
        given().header("Authorization", Fixtures.as(Fixtures.organisation(), "owner"))
                .when().post("/v1/jobs/" + job.id + "/cancel").then().statusCode(404);
        String admin = Fixtures.as(org, "admin");
        given().header("Authorization", admin).when().post("/v1/jobs/" + job.id + "/cancel")
                .then().statusCode(200).body("status", equalTo("cancelled"))
                .body("finished_at", matchesPattern(TIMESTAMP));
        given().header("Authorization", admin).when().post("/v1/jobs/" + job.id + "/cancel")
                .then().statusCode(409).body("code", equalTo("conflict"));
        assertThat(load(pool, job.id).status).isEqualTo(JobStatus.CANCELLED);
        given().header("Authorization", admin).queryParam("action", "job.cancelled")
                .when().get("/v1/orgs/" + org + "/audit-events").then().statusCode(200)
                .body("data.target.id", contains(job.id.toString()))
                .body("data[0].changes.status.to", equalTo("cancelled"));

        Job done = enqueue(jobs, job(org, "test.noop"));
        awaitStatus(pool, done.id, JobStatus.SUCCEEDED);
        given().header("Authorization", Fixtures.as(org, "owner")).when().post("/v1/jobs/" + done.id + "/cancel")
                .then().statusCode(409);
    }

    @Test
    void cancellingARunningJobStopsItAtTheNextHeartbeat() {
        UUID org = Fixtures.organisation();
        Job job = enqueue(jobs, job(org, "test.gate"));
        awaitStatus(pool, job.id, JobStatus.RUNNING);
        given().header("Authorization", Fixtures.as(org, "owner")).when().post("/v1/jobs/" + job.id + "/cancel")
                .then().statusCode(202).body("status", equalTo("running"))
                .header("Location", endsWith("/v1/jobs/" + job.id));
        Job cancelled = awaitStatus(pool, job.id, JobStatus.CANCELLED);
        assertThat(cancelled.finishedAt).isNotNull();
        assertThat(cancelled.leaseOwner).isNull();
        awaitTrue(() -> probe.cancelled.contains(job.id), Duration.ofSeconds(5), "the handler to be cancelled");
    }

    @Test
    void withoutPreferAStartedJobIs202WithLocation() {
        UUID org = Fixtures.organisation();
        ValidatableResponse r = given().queryParam("org", org).queryParam("type", "test.slow").queryParam("millis", 10)
                .when().post("/test-support/jobs")
                .then().statusCode(202).body("status", equalTo("queued")).header("Preference-Applied", nullValue());
        String id = r.extract().path("id");
        r.header("Location", endsWith("/v1/jobs/" + id));
    }

    @Test
    void preferWaitAnswers200WithTheFinishedJob() {
        UUID org = Fixtures.organisation();
        given().queryParam("org", org).queryParam("type", "test.noop").header("Prefer", "respond-async, wait=10")
                .when().post("/test-support/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded")).body("result.attempt", equalTo(1))
                .header("Preference-Applied", "wait=10").header("Location", nullValue());
        given().queryParam("org", org).queryParam("type", "test.noop").header("Prefer", "wait=999")
                .when().post("/test-support/jobs")
                .then().statusCode(200).header("Preference-Applied", "wait=30");
    }

    @Test
    void preferWaitAnswers202WhenTheJobIsStillRunningAndIgnoresGarbage() {
        UUID org = Fixtures.organisation();
        ValidatableResponse r = given().queryParam("org", org).queryParam("type", "test.slow").queryParam("millis", 4000)
                .header("Prefer", "wait=1").when().post("/test-support/jobs")
                .then().statusCode(202).body("status", isOneOf("queued", "running"))
                .header("Preference-Applied", "wait=1");
        String id = r.extract().path("id");
        r.header("Location", endsWith("/v1/jobs/" + id));
        given().queryParam("org", org).queryParam("type", "test.noop").header("Prefer", "wait=soon")
                .when().post("/test-support/jobs")
                .then().statusCode(202).header("Preference-Applied", nullValue());
    }

    @Test
    void metricsShowDepthLatencyAndOutcomes() {
        UUID org = Fixtures.organisation();
        Job done = enqueue(jobs, job(org, "test.noop"));
        awaitStatus(pool, done.id, JobStatus.SUCCEEDED);
        enqueue(jobs, job(org, "test.noop").withRunAt(Instant.now().plus(1, ChronoUnit.HOURS)));
        awaitTrue(() -> given().when().get("/q/metrics").then().extract().asString()
                .matches("(?s).*hub_jobs_depth\\{[^}]*status=\"queued\"[^}]*type=\"test.noop\"[^}]*} [1-9].*"),
                Duration.ofSeconds(10), "the depth gauge to count the queued job");
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("hub_jobs_outcomes_total\\{[^}]*outcome=\"succeeded\"[^}]*type=\"test.noop\"")
                .contains("hub_jobs_start_latency_seconds_bucket")
                .contains("hub_jobs_run_duration_seconds_count");
    }

    @Test
    void openApiDocumentsTheJobsApi() {
        String doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(doc).contains("/v1/jobs/{job_id}", "/v1/jobs/{job_id}/cancel", "/v1/orgs/{org_id}/jobs", "\"Jobs\"",
                "\"JobPage\"", "\"JobError\"");
    }
}
