package io.integrationshub.projects;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.integrationshub.projects.ProjectApi.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** A project's cloud connection (API.md 9): connect, disconnect as a project.disconnect job, and who reads that job. */
@QuarkusTest
public class ProjectCloudConnectionTest {

    @Test
    void disconnectPassesThroughDisconnectingToDisconnectedAsAJob() {
        UUID org = Fixtures.organisation();
        String editor = Fixtures.as(org, "member");
        String id = create(org, editor, "cloudy");
        given().header("Authorization", editor).when().post(project(id) + "/disconnect")
                .then().statusCode(409).body("code", equalTo("conflict"));
        given().header("Authorization", editor).when().post(project(id) + "/connect")
                .then().statusCode(200).header("ETag", "\"2\"").body("cloud_connection", equalTo("connected"));
        given().header("Authorization", editor).when().post(project(id) + "/connect")
                .then().statusCode(200).body("cloud_connection", equalTo("connected")).body("version", equalTo(2));
        String jobId = given().header("Authorization", editor).when().post(project(id) + "/disconnect")
                .then().statusCode(202)
                .header("Location", containsString("/v1/jobs/"))
                .body("type", equalTo("project.disconnect"))
                .body("organisation_id", equalTo(org.toString()))
                .body("target.type", equalTo("project")).body("target.id", equalTo(id))
                .extract().path("id");
        // Disconnecting or already disconnected: either way a second disconnect is refused.
        given().header("Authorization", editor).when().post(project(id) + "/disconnect").then().statusCode(409);
        eventually(() -> "succeeded".equals(given().header("Authorization", editor).when().get("/v1/jobs/" + jobId)
                .then().statusCode(200).extract().path("status")), "the disconnect job succeeded");
        given().header("Authorization", editor).when().get(project(id))
                .then().statusCode(200).body("cloud_connection", equalTo("disconnected")).header("ETag", "\"4\"");
        given().header("Authorization", editor).when().post(project(id) + "/disconnect").then().statusCode(409);
        given().header("Authorization", editor).when().get("/v1/jobs/" + jobId)
                .then().body("result.cloud_connection", equalTo("disconnected"));
        // The audit log shows the way through: connected -> disconnecting (the caller) -> disconnected (the job).
        given().header("Authorization", Fixtures.as(org, "admin")).queryParam("target_id", id)
                .when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200)
                .body("data.action", contains("project.created", "project.connected", "project.disconnect_requested",
                        "project.disconnected"))
                .body("data[2].changes.cloud_connection.from", equalTo("connected"))
                .body("data[2].changes.cloud_connection.to", equalTo("disconnecting"))
                .body("data[2].changes.disconnect_job_id.to", equalTo(jobId))
                .body("data[3].actor.type", equalTo("system"))
                .body("data[3].changes.cloud_connection.from", equalTo("disconnecting"))
                .body("data[3].changes.cloud_connection.to", equalTo("disconnected"));
        // Connected again, and disconnected again with Prefer: wait.
        given().header("Authorization", editor).when().post(project(id) + "/connect").then().statusCode(200);
        given().header("Authorization", editor).header("Prefer", "wait=10").when().post(project(id) + "/disconnect")
                .then().statusCode(200).body("status", equalTo("succeeded"));
    }

    @Test
    void collaboratorsReadTheProjectsJobAndOutsidersDoNot() {
        UUID org = Fixtures.organisation();
        String editor = Fixtures.as(org, "member");
        String id = create(org, editor, "jobs");
        TestTokens viewer = outsider();
        addCollaborators(editor, id, "viewer", viewer.subject()).statusCode(201);
        given().header("Authorization", editor).when().post(project(id) + "/connect").then().statusCode(200);
        String jobId = given().header("Authorization", editor).when().post(project(id) + "/disconnect")
                .then().statusCode(202).extract().path("id");
        given().header("Authorization", viewer.bearer()).when().get("/v1/jobs/" + jobId)
                .then().statusCode(200).body("id", equalTo(jobId)).body("type", equalTo("project.disconnect"));
        given().header("Authorization", viewer.bearer()).when().post("/v1/jobs/" + jobId + "/cancel").then().statusCode(403);
        given().header("Authorization", outsider().bearer()).when().get("/v1/jobs/" + jobId).then().statusCode(404);
        given().header("Authorization", Fixtures.as(Fixtures.organisation(), "admin")).when().get("/v1/jobs/" + jobId)
                .then().statusCode(404);
    }
}
