package io.integrationshub.projects;

import io.integrationshub.jobs.api.JobTarget;
import io.integrationshub.jobs.api.JobTypes;
import io.integrationshub.jobs.api.NewJob;
import io.integrationshub.jobs.TestJobs;
import io.integrationshub.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.integrationshub.projects.ProjectApi.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * The disconnect job held in flight at the (test) cloud provider, and the rows a project DELETE
 * takes along. JVM only: it needs the test's CloudConnections bean and the database.
 */
@QuarkusTest
public class ProjectDisconnectTest {
    @Inject
    GatedCloudConnections cloud;
    @Inject
    TestJobs testJobs;
    @Inject
    Pool pool;

    @Test
    void theProjectIsDisconnectingUntilTheJobHasDisconnectedIt() {
        UUID org = Fixtures.organisation();
        String editor = Fixtures.as(org, "member");
        String id = create(org, editor, GatedCloudConnections.PREFIX + "observable");
        given().header("Authorization", editor).when().post(project(id) + "/connect").then().statusCode(200);
        String jobId = given().header("Authorization", editor).when().post(project(id) + "/disconnect")
                .then().statusCode(202).extract().path("id");
        eventually(() -> "running".equals(given().header("Authorization", editor).when().get("/v1/jobs/" + jobId)
                .then().extract().path("status")), "the disconnect job is running");
        given().header("Authorization", editor).when().get(project(id))
                .then().statusCode(200).body("cloud_connection", equalTo("disconnecting")).header("ETag", "\"3\"");
        given().header("Authorization", editor).when().post(project(id) + "/disconnect")
                .then().statusCode(409).body("detail", containsString("disconnecting"));
        given().header("Authorization", editor).when().post(project(id) + "/connect")
                .then().statusCode(409).body("detail", containsString("disconnecting"));
        cloud.open(UUID.fromString(id));
        eventually(() -> "succeeded".equals(given().header("Authorization", editor).when().get("/v1/jobs/" + jobId)
                .then().extract().path("status")), "the disconnect job succeeded");
        given().header("Authorization", editor).when().get(project(id))
                .then().statusCode(200).body("cloud_connection", equalTo("disconnected")).header("ETag", "\"4\"");
        assertThat(cloud.calls.get(UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void aRetriedDisconnectJobChangesNothingMore() {
        UUID org = Fixtures.organisation();
        String editor = Fixtures.as(org, "member");
        String id = create(org, editor, "retried");
        given().header("Authorization", editor).when().post(project(id) + "/connect").then().statusCode(200);
        given().header("Authorization", editor).header("Prefer", "wait=10").when().post(project(id) + "/disconnect")
                .then().statusCode(200).body("status", equalTo("succeeded"));
        // The same job type for the same project run again (as after a worker died): succeeds, no change.
        UUID projectId = UUID.fromString(id);
        var again = onVertx(() -> testJobs.enqueue(NewJob.of(org, JobTypes.PROJECT_DISCONNECT, new JobTarget("project", projectId))));
        eventually(() -> "succeeded".equals(given().header("Authorization", editor).when().get("/v1/jobs/" + again.id)
                .then().extract().path("status")), "the repeated job succeeded");
        given().header("Authorization", editor).when().get("/v1/jobs/" + again.id)
                .then().body("result.cloud_connection", equalTo("disconnected"));
        given().header("Authorization", editor).when().get(project(id))
                .then().body("cloud_connection", equalTo("disconnected")).header("ETag", "\"4\"");
    }

    @Test
    void deleteRemovesCollaboratorsAndQueuedJobs() {
        UUID org = Fixtures.organisation();
        String editor = Fixtures.as(org, "member");
        String id = create(org, editor, "cascade");
        UUID projectId = UUID.fromString(id);
        addCollaborators(editor, id, "viewer", "v-" + UUID.randomUUID(), "w-" + UUID.randomUUID()).statusCode(201);
        var queued = onVertx(() -> testJobs.enqueue(NewJob.of(org, JobTypes.PROJECT_DISCONNECT,
                new JobTarget("project", projectId)).withRunAt(Instant.now().plusSeconds(3600))));
        assertThat(count("select count(*) from project_collaborators where project_id = $1", projectId)).isEqualTo(3);
        given().header("Authorization", editor).when().get("/v1/jobs/" + queued.id).then().statusCode(200)
                .body("status", equalTo("queued"));

        given().header("Authorization", editor).when().delete(project(id)).then().statusCode(204);

        assertThat(count("select count(*) from projects where id = $1", projectId)).isZero();
        assertThat(count("select count(*) from project_collaborators where project_id = $1", projectId)).isZero();
        assertThat(count("select count(*) from jobs where target_id = $1 and status = 'queued'", projectId)).isZero();
        given().header("Authorization", editor).when().get("/v1/jobs/" + queued.id).then().statusCode(404);
    }

    @Test
    void pagesSeekTheirIndexWithARowComparison() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        create(org, admin, "one");
        create(org, admin, "two");
        String next = given().header("Authorization", admin).queryParam("limit", 1).when().get(projects(org))
                .then().statusCode(200).extract().path("next_cursor");
        assertThat(next).isNotNull();
        // The query the repository runs for a cursor page, planned without sequential scans.
        String plan = pool.withConnection(c -> c.query("set enable_seqscan = off").execute()
                        .flatMap(ignored -> c.preparedQuery("explain select p.id from projects p where p.organisation_id = $1 "
                                + "and (p.created_at, p.id) > ($2, $3) order by p.created_at asc, p.id asc limit 21")
                                .execute(Tuple.of(org, java.time.OffsetDateTime.now(), UUID.randomUUID())))
                        .map(rows -> {
                            StringBuilder text = new StringBuilder();
                            rows.forEach(r -> text.append(r.getString(0)).append('\n'));
                            return text.toString();
                        }))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(plan).contains("projects_page_idx").contains("Index Cond");
        assertThat(plan).containsPattern("ROW\\(created_at, id\\) >|\\(created_at, id\\) >");
    }

    private static <T> T onVertx(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> action) {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(action);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private long count(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> rows.iterator().next().getLong(0))
                .await().atMost(Duration.ofSeconds(10));
    }
}
