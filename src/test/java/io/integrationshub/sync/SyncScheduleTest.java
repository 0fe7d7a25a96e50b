package io.integrationshub.sync;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.integrationshub.audit.AuditLog;
import io.integrationshub.jobs.api.JobQueue;
import io.integrationshub.support.Fixtures;
import io.integrationshub.support.Integrations;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** sync_interval_minutes, status.next_sync_at and the scheduler (API.md 4.2), against a fake GitHub. */
@QuarkusTest
public class SyncScheduleTest {
    private static WireMockServer github;

    @Inject
    Pool pool;
    @Inject
    JobQueue jobs;
    @Inject
    AuditLog audit;
    @Inject
    Vertx vertx;
    @Inject
    SyncConfig config;

    @BeforeAll
    static void startFakeGitHub() {
        github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(20));
        github.start();
    }

    @AfterAll
    static void stopFakeGitHub() {
        github.stop();
    }

    @BeforeEach
    void reset() {
        github.resetAll();
        github.stubFor(get(urlPathEqualTo("/user/repos")).withHeader("Authorization", WireMock.matching("Bearer ghp_good.*"))
                .willReturn(okJson("[{\"id\": 1, \"name\": \"api\", \"full_name\": \"acme/api\", \"html_url\": \"https://github.com/acme/api\"}]")));
        github.stubFor(get(urlPathEqualTo("/user/repos")).withHeader("Authorization", WireMock.matching("Bearer ghp_bad.*"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"Bad credentials\"}")));
    }

    private static Map<String, Object> github(String token, Integer interval) {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", "github");
        body.put("profile_name", "scheduled " + UUID.randomUUID());
        body.put("configuration", Map.of("api_base_url", github.baseUrl()));
        body.put("credentials", Map.of("token", token));
        body.put("sync_interval_minutes", interval);
        return body;
    }

    private static Response integration(UUID org, String auth, String id) {
        return given().header("Authorization", auth).when().get("/v1/orgs/" + org + "/integrations/" + id)
                .then().statusCode(200).extract().response();
    }

    private static Response patch(UUID org, String auth, String id, String body) {
        return given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .when().patch("/v1/orgs/" + org + "/integrations/" + id).then().extract().response();
    }

    private void makeDue(List<String> ids) {
        pool.preparedQuery("update integrations set next_sync_at = now() - interval '1 second' where id = any($1)")
                .execute(Tuple.of(ids.stream().map(UUID::fromString).toArray(UUID[]::new)))
                .await().atMost(Duration.ofSeconds(10));
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void theIntervalIsNullOr15To10080AndOnlyForProvidersThatSync() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        for (Object bad : new Object[] {14, 10081, 0, -15, "60", 60.5, true}) {
            given().header("Authorization", admin).contentType(ContentType.JSON).body(github("ghp_good1", null))
                    .body(new HashMap<>(github("ghp_good1", null)) {{ put("sync_interval_minutes", bad); }})
                    .when().post("/v1/orgs/" + org + "/integrations")
                    .then().statusCode(400).body("code", equalTo("bad_input"))
                    .body("errors.pointer", hasItem("/sync_interval_minutes"));
        }
        Map<String, Object> teams = new HashMap<>();
        teams.put("provider", "teams");
        teams.put("credentials", Map.of("webhook_url", "https://acme.webhook.office.com/webhookb2/x"));
        teams.put("sync_interval_minutes", 60);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(teams)
                .when().post("/v1/orgs/" + org + "/integrations")
                .then().statusCode(400).body("errors.pointer", hasItem("/sync_interval_minutes"))
                .body("errors.detail", hasItem(containsString("does not support sync")));
        teams.remove("sync_interval_minutes");
        String teamsId = Integrations.create(org, admin, teams);
        patch(org, admin, teamsId, "{\"sync_interval_minutes\": 60}").then().statusCode(400)
                .body("errors.pointer", hasItem("/sync_interval_minutes"));

        String manual = Integrations.create(org, admin, github("ghp_good1", null));
        integration(org, admin, manual).then().body("sync_interval_minutes", nullValue())
                .body("status", hasKey("next_sync_at")).body("status.next_sync_at", nullValue());
        for (String bad : List.of("14", "10081", "\"15\"", "15.5", "{}")) {
            patch(org, admin, manual, "{\"sync_interval_minutes\": " + bad + "}").then().statusCode(400)
                    .body("errors.pointer", hasItem("/sync_interval_minutes"));
        }
        integration(org, admin, manual).then().body("version", equalTo(1)).body("sync_interval_minutes", nullValue());
    }

    @Test
    void anIntervalArmsTheScheduleWithJitterAndNullOrDisablingDisarmsIt() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Instant before = Instant.now().minusSeconds(1);
        String id = Integrations.create(org, admin, github("ghp_good2", 15));
        Response created = integration(org, admin, id);
        created.then().body("sync_interval_minutes", equalTo(15))
                .body("status.next_sync_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        // Never synced: due now, spread by up to a tenth of the interval (90 s for 15 minutes).
        assertThat(Instant.parse(created.path("status.next_sync_at"))).isBetween(before, Instant.now().plusSeconds(91));

        patch(org, admin, id, "{\"sync_interval_minutes\": null}").then().statusCode(200)
                .body("sync_interval_minutes", nullValue()).body("status.next_sync_at", nullValue()).body("version", equalTo(2));
        patch(org, admin, id, "{\"sync_interval_minutes\": 10080}").then().statusCode(200)
                .body("sync_interval_minutes", equalTo(10080)).body("status.next_sync_at", notNullValue());
        patch(org, admin, id, "{\"enabled\": false}").then().statusCode(200).body("status.next_sync_at", nullValue());
        patch(org, admin, id, "{\"enabled\": true}").then().statusCode(200).body("status.next_sync_at", notNullValue());
        // Without credentials there is nothing to sync with.
        given().header("Authorization", admin).when().delete("/v1/orgs/" + org + "/integrations/" + id + "/credentials")
                .then().statusCode(204);
        integration(org, admin, id).then().body("sync_interval_minutes", equalTo(10080)).body("status.next_sync_at", nullValue());
        given().header("Authorization", admin).queryParam("action", "integration.updated").queryParam("target_id", id)
                .when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200).body("data.changes.sync_interval_minutes.to", hasItems(nullValue(), equalTo(10080)));
    }

    @Test
    void aDueIntegrationIsSyncedByTheSchedulerAsTheSystemAndRescheduledAnIntervalLater() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = Integrations.create(org, admin, github("ghp_good3" + UUID.randomUUID(), 30));
        makeDue(List.of(id));

        // The application's own scheduler (every second in tests) starts it.
        await("the scheduled sync", Duration.ofSeconds(30), () -> "healthy".equals(integration(org, admin, id).path("status.health")));
        Response synced = integration(org, admin, id);
        Instant next = Instant.parse(synced.path("status.next_sync_at"));
        Instant last = Instant.parse(synced.path("status.last_synced_at"));
        assertThat(next).isBetween(last.plus(Duration.ofMinutes(30)).minusSeconds(60), last.plus(Duration.ofMinutes(33)));
        // The job's outcome follows the handler's own commit through the engine's batched completion.
        await("the sync job's outcome", Duration.ofSeconds(30), () -> "succeeded".equals(
                given().header("Authorization", admin).queryParam("target_id", id).when().get("/v1/orgs/" + org + "/jobs")
                        .path("data[0].status")));
        given().header("Authorization", admin).queryParam("target_id", id).when().get("/v1/orgs/" + org + "/jobs")
                .then().statusCode(200).body("data", hasSize(1)).body("data[0].type", equalTo("integration.sync"))
                .body("data[0].status", equalTo("succeeded")).body("data[0].id", equalTo(synced.path("status.last_sync_job_id")));
        given().header("Authorization", admin).queryParam("action", "integration.sync_requested").queryParam("target_id", id)
                .when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200).body("data", hasSize(1))
                .body("data[0].actor.type", equalTo("system")).body("data[0].actor.id", equalTo(SyncScheduler.ACTOR_ID))
                .body("data[0].changes.sync_job_id.to", equalTo(synced.path("status.last_sync_job_id")))
                .body("data[0].changes.trigger.to", equalTo("schedule"));
        String payload = pool.preparedQuery("select payload::text from jobs where target_id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10)).iterator().next().getString(0);
        assertThat(payload).contains("\"type\": \"system\"").contains("\"trigger\": \"schedule\"");
    }

    @Test
    void refusedCredentialsStopTheScheduleUntilTheIntegrationChanges() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = Integrations.create(org, admin, github("ghp_bad" + UUID.randomUUID(), 15));
        makeDue(List.of(id));
        await("the failed scheduled sync", Duration.ofSeconds(30), () -> "failing".equals(integration(org, admin, id).path("status.health")));
        integration(org, admin, id).then().body("status.next_sync_at", nullValue()).body("sync_interval_minutes", equalTo(15));
        // The job's outcome is written by the engine's batched completion after the handler's own transaction
        // (the integration's health) has committed, so it can arrive a moment later.
        await("the sync job's outcome", Duration.ofSeconds(30), () -> "provider_auth_failed".equals(
                given().header("Authorization", admin).queryParam("target_id", id).when().get("/v1/orgs/" + org + "/jobs")
                        .path("data[0].error.code")));
        given().header("Authorization", admin).queryParam("target_id", id).when().get("/v1/orgs/" + org + "/jobs")
                .then().body("data", hasSize(1)).body("data[0].error.code", equalTo("provider_auth_failed"));

        // Nothing is claimed for it any more, however long the scheduler runs.
        SyncScheduler scheduler = new SyncScheduler(jobs, audit, vertx, config);
        scheduler.claimDue().await().atMost(Duration.ofSeconds(20));
        given().header("Authorization", admin).queryParam("target_id", id).when().get("/v1/orgs/" + org + "/jobs")
                .then().body("data", hasSize(1));

        // New credentials re-arm it.
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("credentials", Map.of("token", "ghp_good" + UUID.randomUUID())))
                .when().put("/v1/orgs/" + org + "/integrations/" + id + "/credentials").then().statusCode(200)
                .body("status.next_sync_at", notNullValue());
    }

    /** A scheduler instance of its own, as another service instance would run, with small batches so that claims interleave. */
    private SyncScheduler instance() {
        SyncConfig small = new SyncConfig() {
            @Override
            public Duration maxRateLimitWait() {
                return config.maxRateLimitWait();
            }

            @Override
            public Duration defaultRateLimitWait() {
                return config.defaultRateLimitWait();
            }

            @Override
            public Scheduler scheduler() {
                return new Scheduler() {
                    @Override
                    public boolean enabled() {
                        return false;
                    }

                    @Override
                    public Duration every() {
                        return Duration.ofSeconds(1);
                    }

                    @Override
                    public int batchSize() {
                        return 20;
                    }
                };
            }
        };
        return new SyncScheduler(jobs, audit, vertx, small);
    }

    /** Claims until nothing is due; answers how many this instance claimed. */
    private static Uni<Integer> drain(SyncScheduler scheduler, int claimedSoFar) {
        return scheduler.claimDue().flatMap(n -> n == 0 ? Uni.createFrom().item(claimedSoFar) : drain(scheduler, claimedSoFar + n));
    }

    @Test
    void twoInstancesAnd200DueIntegrationsSyncEachExactlyOncePerDueTime() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        List<String> ids = new ArrayList<>();
        Map<String, String> tokens = new ConcurrentHashMap<>();
        for (int i = 0; i < 200; i++) {
            String token = "ghp_good" + i + "x" + UUID.randomUUID().toString().substring(0, 8);
            String id = Integrations.create(org, admin, github(token, null));
            ids.add(id);
            tokens.put(id, token);
        }
        UUID[] uuids = ids.stream().map(UUID::fromString).toArray(UUID[]::new);
        SyncScheduler first = instance();
        SyncScheduler second = instance();

        for (int round = 1; round <= 2; round++) {
            // All 200 due at the same moment (the application's own scheduler competes as a third instance).
            pool.preparedQuery("update integrations set sync_interval_minutes = 15, next_sync_at = now() - interval '1 second' "
                    + "where id = any($1)").execute(Tuple.of(uuids)).await().atMost(Duration.ofSeconds(10));
            List<Integer> claimed = Uni.combine().all().unis(drain(first, 0), drain(second, 0))
                    .with(Integer.class, list -> list).await().atMost(Duration.ofSeconds(60));
            assertThat(claimed.get(0) + claimed.get(1)).isLessThanOrEqualTo(200);

            int expected = round;
            await("round " + round + " of syncs", Duration.ofSeconds(120), () -> pool.preparedQuery(
                            "select count(*) from jobs where target_id = any($1) and status = 'succeeded'")
                    .execute(Tuple.of(uuids)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0) >= 200L * expected);

            Map<UUID, Long> jobsPerIntegration = new HashMap<>();
            for (Row row : pool.preparedQuery("select target_id, count(*) from jobs where target_id = any($1) group by target_id")
                    .execute(Tuple.of(uuids)).await().atMost(Duration.ofSeconds(10))) {
                jobsPerIntegration.put(row.getUUID(0), row.getLong(1));
            }
            assertThat(jobsPerIntegration).hasSize(200).allSatisfy((id, count) -> assertThat(count).isEqualTo(expected));
            for (String id : ids) {
                github.verify(expected, getRequestedFor(urlPathEqualTo("/user/repos"))
                        .withHeader("Authorization", WireMock.equalTo("Bearer " + tokens.get(id))));
            }
            // Every one is scheduled again an interval (plus at most 90 s of jitter) later, and the due times are spread.
            List<Instant> nextTimes = new ArrayList<>();
            for (Row row : pool.preparedQuery("select next_sync_at from integrations where id = any($1)")
                    .execute(Tuple.of(uuids)).await().atMost(Duration.ofSeconds(10))) {
                nextTimes.add(row.getOffsetDateTime(0).toInstant());
            }
            assertThat(nextTimes).allSatisfy(t -> assertThat(t).isAfter(Instant.now().plus(Duration.ofMinutes(13))));
            assertThat(nextTimes.stream().map(t -> t.getEpochSecond()).distinct().count()).isGreaterThan(20);
        }
    }
}
