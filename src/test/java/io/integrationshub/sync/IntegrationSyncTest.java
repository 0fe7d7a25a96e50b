package io.integrationshub.sync;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.integrationshub.support.Fixtures;
import io.integrationshub.support.Integrations;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** POST .../sync end to end: the job engine, the GitHub adapter against a fake GitHub, resources and status. */
@QuarkusTest
public class IntegrationSyncTest {
    private static WireMockServer github;

    @BeforeAll
    static void startFakeGitHub() {
        github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
    }

    @AfterAll
    static void stopFakeGitHub() {
        github.stop();
    }

    @BeforeEach
    void reset() {
        github.resetAll();
    }

    private static String repo(String owner, String name, long id) {
        return "{\"id\": " + id + ", \"name\": \"" + name + "\", \"full_name\": \"" + owner + "/" + name
                + "\", \"html_url\": \"https://github.com/" + owner + "/" + name + "\", \"private\": true, "
                + "\"archived\": false, \"default_branch\": \"main\"}";
    }

    /** The organisation listing GET /orgs/{owner}/repos answering these repositories on one page. */
    private static void orgRepos(String owner, String... repos) {
        github.stubFor(get(urlPathEqualTo("/orgs/" + owner + "/repos")).willReturn(okJson("[" + String.join(",", repos) + "]")));
    }

    private static Map<String, Object> integration(String token, List<String> repos) {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", "github");
        body.put("profile_name", "synced " + UUID.randomUUID());
        body.put("configuration", Map.of("api_base_url", github.baseUrl(), "enabled_repos", repos.stream()
                .map(r -> Map.of("hostname", "github.com", "github_org_name", "acme", "repo_name", r)).toList()));
        body.put("credentials", Map.of("token", token));
        return body;
    }

    private static io.restassured.response.Response sync(UUID org, String auth, String id, String prefer) {
        var request = given().header("Authorization", auth);
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return request.when().post("/v1/orgs/" + org + "/integrations/" + id + "/sync").then().extract().response();
    }

    /** The job as read once {@code done} holds for it (or after 20 s, for the caller's assertions to say why). */
    private static io.restassured.response.Response awaitJob(String auth, String jobId,
            java.util.function.Predicate<io.restassured.response.Response> done) {
        return awaitJob(auth, jobId, () -> true, done);
    }

    /** As above, where {@code before} must already have held before the read (so the read is not older than it). */
    private static io.restassured.response.Response awaitJob(String auth, String jobId, java.util.function.BooleanSupplier before,
            java.util.function.Predicate<io.restassured.response.Response> done) {
        long deadline = System.currentTimeMillis() + 20_000;
        io.restassured.response.Response job;
        boolean held;
        do {
            held = before.getAsBoolean();
            job = given().header("Authorization", auth).when().get("/v1/jobs/" + jobId).then().statusCode(200).extract().response();
        } while (!(held && done.test(job)) && System.currentTimeMillis() < deadline && pause());
        return job;
    }

    /** The provider's repository listing has been asked for at least once. */
    private static boolean providerCalled() {
        return !github.findAll(getRequestedFor(urlPathEqualTo("/orgs/acme/repos"))).isEmpty();
    }

    private static boolean pause() {
        try {
            Thread.sleep(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs one UPDATE on the test database (a state the API cannot make) and checks it changed one row. */
    private static void updateOne(String sql, String id) {
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
                var update = db.prepareStatement(sql)) {
            update.setObject(1, UUID.fromString(id));
            assertThat(update.executeUpdate()).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void syncUpsertsResourcesRemovesVanishedOnesAndMarksHealthy() {
        // The organisation also has a repository that is not enabled: it is not synced.
        orgRepos("acme", repo("acme", "api", 101), repo("acme", "web", 102), repo("acme", "docs", 103));
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String token = Integrations.secret("ghp_");
        String id = Integrations.create(org, admin, integration(token, List.of("api", "web")));

        var done = sync(org, admin, id, "wait=20");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.header("Content-Location")).isEqualTo("/v1/jobs/" + done.path("id"));
        assertThat(done.header("Preference-Applied")).isEqualTo("wait=20");
        done.then().body("status", equalTo("succeeded")).body("type", equalTo("integration.sync"))
                .body("target.type", equalTo("integration")).body("target.id", equalTo(id))
                .body("result.resources", equalTo(2)).body(not(containsString(token)));
        github.verify(1, getRequestedFor(urlPathEqualTo("/orgs/acme/repos"))
                .withQueryParam("per_page", WireMock.equalTo("100"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + token))
                .withHeader("Accept", WireMock.equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", WireMock.equalTo("2022-11-28")));
        github.verify(1, WireMock.anyRequestedFor(WireMock.anyUrl()));

        given().header("Authorization", Fixtures.as(org, "viewer")).when().get("/v1/orgs/" + org + "/integrations/" + id + "/resources")
                .then().statusCode(200)
                .body("data.external_id", containsInAnyOrder("101", "102"))
                .body("data[0].kind", equalTo("repository"))
                .body("data[0].integration_id", equalTo(id))
                .body("data.name", hasItem("acme/api"));
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/integrations/" + id)
                .then().body("status.health", equalTo("healthy"))
                .body("status.last_synced_at", notNullValue())
                .body("status.last_sync_job_id", equalTo(done.path("id")))
                .body("status.last_error", nullValue())
                // The status change is a change of the integration.
                .body("version", equalTo(2));
        given().header("Authorization", admin).queryParam("action", "integration.sync_requested")
                .when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200).body("data", hasSize(1)).body("data[0].target.id", equalTo(id))
                .body("data[0].changes.sync_job_id.to", equalTo(done.path("id")));

        // The web repository disappears at the provider: the next sync removes it.
        github.resetAll();
        orgRepos("acme", repo("acme", "api", 101), repo("acme", "docs", 103));
        sync(org, admin, id, "wait=20").then().statusCode(200).body("status", equalTo("succeeded"))
                .body("result.removed", equalTo(1));
        github.verify(1, getRequestedFor(urlPathEqualTo("/orgs/acme/repos")));
        given().header("Authorization", admin).queryParam("kind", "repository")
                .when().get("/v1/orgs/" + org + "/integrations/" + id + "/resources")
                .then().statusCode(200).body("data.external_id", contains("101"));
    }

    @Test
    void credentialsTheKeysetCannotOpenFailTheSyncAtOnceAndTheIntegrationSaysSo() {
        orgRepos("acme", repo("acme", "api", 1));
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = Integrations.create(org, admin, integration(Integrations.secret("ghp_"), List.of("api")));
        // As if the key that sealed them had been removed from the keyset: the ciphertext no longer opens.
        updateOne("update integrations set credentials_ciphertext = credentials_ciphertext || '\\x00'::bytea where id = ?", id);
        sync(org, admin, id, "wait=20").then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("error.code", equalTo("credentials_unreadable"))
                .body("attempts", equalTo(1));
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/integrations/" + id)
                .then().body("status.health", equalTo("failing"))
                .body("status.last_error", containsString("PUT them again"));
        github.verify(0, getRequestedFor(urlPathEqualTo("/orgs/acme/repos")));
    }

    @Test
    void providerAuthFailureFailsTheJobAndMarksTheIntegrationFailing() {
        github.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Bad credentials\"}")));
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String token = Integrations.secret("ghp_");
        String id = Integrations.create(org, admin, integration(token, List.of("api")));
        sync(org, admin, id, "wait=20").then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("error.code", equalTo("provider_auth_failed"))
                .body("attempts", equalTo(1))
                .body(not(containsString(token)));
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/integrations/" + id)
                .then().body("status.health", equalTo("failing")).body("status.last_error", not(emptyOrNullString()))
                .body(not(containsString(token)));
    }

    @Test
    void providerRateLimitReschedulesWithoutConsumingAnAttempt() {
        github.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3600").withHeader("Content-Type", "application/json").withBody("{}")));
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = Integrations.create(org, admin, integration("t", List.of("api")));
        var first = sync(org, admin, id, null);
        first.then().statusCode(202).header("Location", endsWith("/v1/jobs/" + first.<String>path("id")));
        String jobId = first.path("id");
        io.restassured.response.Response job = awaitJob(admin, jobId, IntegrationSyncTest::providerCalled,
                j -> !"running".equals(j.path("status")));
        job.then().body("status", equalTo("queued")).body("attempts", equalTo(0));
        assertThat(java.time.Instant.parse(job.path("run_at"))).isAfter(java.time.Instant.now().plusSeconds(3000));
        // A sync already queued for the integration is answered with that same job.
        sync(org, admin, id, null).then().statusCode(202).body("id", equalTo(jobId));
    }

    /** API.md 7: exhausted rate-limit headers on a 2xx page with more to follow park the job until the reset. */
    @Test
    void anExhaustedRateLimitOnASuccessfulPageReschedulesTheJobForTheReset() {
        long reset = java.time.Instant.now().plusSeconds(1800).getEpochSecond();
        String next = github.baseUrl() + "/organizations/9919/repos?per_page=100&type=all&page=2";
        github.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(okJson("[" + repo("acme", "api", 1) + "]")
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(reset))
                .withHeader("Link", "<" + next + ">; rel=\"next\"")));
        github.stubFor(get(urlPathEqualTo("/organizations/9919/repos")).willReturn(okJson("[]")));
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = Integrations.create(org, admin, integration("t", List.of("api")));
        String jobId = sync(org, admin, id, null).then().statusCode(202).extract().path("id");
        io.restassured.response.Response job = awaitJob(admin, jobId, IntegrationSyncTest::providerCalled,
                j -> !"running".equals(j.path("status")));
        job.then().body("status", equalTo("queued")).body("attempts", equalTo(0));
        // At the reset (the engine may add a few milliseconds), not with a backoff of its own.
        assertThat(java.time.Instant.parse(job.path("run_at"))).isBetween(java.time.Instant.ofEpochSecond(reset),
                java.time.Instant.ofEpochSecond(reset).plusSeconds(2));
        assertThat(github.findAll(getRequestedFor(urlPathEqualTo("/organizations/9919/repos")))).as("page 2 before the reset")
                .isEmpty();
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/integrations/" + id)
                .then().body("status.health", not(equalTo("failing")));
    }

    /** The last page needs no further call: remaining 0 there does not hold the sync back. */
    @Test
    void anExhaustedRateLimitOnTheLastPageStillCompletesTheSync() {
        github.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(okJson("[" + repo("acme", "api", 1) + "]")
                .withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(java.time.Instant.now().plusSeconds(1800).getEpochSecond()))));
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = Integrations.create(org, admin, integration("t", List.of("api")));
        sync(org, admin, id, "wait=20").then().statusCode(200).body("status", equalTo("succeeded"));
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/integrations/" + id)
                .then().body("status.health", equalTo("healthy"));
    }

    @Test
    void refusedSyncs() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Map<String, Object> disabled = integration("t", List.of("api"));
        disabled.put("enabled", false);
        String id = Integrations.create(org, admin, disabled);
        sync(org, admin, id, null).then().statusCode(400).body("code", equalTo("bad_input"));
        Map<String, Object> teams = new HashMap<>();
        teams.put("provider", "teams");
        teams.put("credentials", Map.of("webhook_url", "https://acme.webhook.office.com/webhookb2/x"));
        String teamsId = Integrations.create(org, admin, teams);
        sync(org, admin, teamsId, null).then().statusCode(400);
        sync(org, Fixtures.as(org, "viewer"), id, null).then().statusCode(403);
        sync(org, Fixtures.as(UUID.randomUUID(), "admin"), id, null).then().statusCode(404);
        // A brokered integration's credentials are in its broker client: a wrong state, not advice to PUT credentials.
        Map<String, Object> brokered = integration("t", List.of("api"));
        brokered.remove("credentials");
        brokered.put("broker", Map.of("enabled", true));
        String brokeredId = Integrations.create(org, admin, brokered);
        sync(org, admin, brokeredId, null).then().statusCode(409).body("code", equalTo("conflict"))
                .body("detail", containsString("broker client"));
        given().header("Authorization", admin).contentType(ContentType.JSON).when()
                .post("/v1/orgs/" + org + "/integrations/" + UUID.randomUUID() + "/sync").then().statusCode(404);
    }

    private static Map<String, Object> everything(String token) {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", "github");
        body.put("profile_name", "everything " + UUID.randomUUID());
        body.put("configuration", Map.of("api_base_url", github.baseUrl()));
        body.put("credentials", Map.of("token", token));
        return body;
    }

    @Test
    void anEmptyConfigurationSyncsEverythingTheTokenSeesAndAWrongTokenNeverEndsHealthy() {
        String token = Integrations.secret("ghp_");
        github.stubFor(get(urlPathEqualTo("/user/repos")).withHeader("Authorization", WireMock.equalTo("Bearer " + token))
                .willReturn(okJson("[" + repo("acme", "api", 201) + "," + repo("someone", "fork", 202) + "]")));
        github.stubFor(get(urlPathEqualTo("/user/repos")).withHeader("Authorization", WireMock.notMatching("Bearer " + token))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"Bad credentials\", \"documentation_url\": \"https://docs.github.com/rest\"}")));
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");

        String id = Integrations.create(org, admin, everything(token));
        sync(org, admin, id, "wait=20").then().statusCode(200).body("status", equalTo("succeeded"))
                .body("result.resources", equalTo(2));
        github.verify(1, getRequestedFor(urlPathEqualTo("/user/repos")).withQueryParam("per_page", WireMock.equalTo("100"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + token)));
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/integrations/" + id + "/resources")
                .then().statusCode(200).body("data.name", containsInAnyOrder("acme/api", "someone/fork"));
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/integrations/" + id)
                .then().body("status.health", equalTo("healthy"));

        String wrong = Integrations.secret("ghp_");
        String wrongId = Integrations.create(org, admin, everything(wrong));
        sync(org, admin, wrongId, "wait=20").then().statusCode(200).body("status", equalTo("failed"))
                .body("error.code", equalTo("provider_auth_failed")).body(not(containsString(wrong)));
        github.verify(1, getRequestedFor(urlPathEqualTo("/user/repos")).withHeader("Authorization", WireMock.equalTo("Bearer " + wrong)));
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/integrations/" + wrongId)
                .then().body("status.health", equalTo("failing")).body("status.last_synced_at", nullValue());
    }

    @Test
    void jiraWithoutAnEnabledProjectHasNoSiteToSync() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Map<String, Object> jira = new HashMap<>();
        jira.put("provider", "jira");
        jira.put("credentials", Map.of("email", "ops@acme.example.com", "api_token", Integrations.secret("ATATT")));
        String id = given().header("Authorization", admin).contentType(ContentType.JSON).body(jira)
                .when().post("/v1/orgs/" + org + "/integrations")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
        sync(org, admin, id, null).then().statusCode(400).body("code", equalTo("bad_input"))
                .body("detail", containsString("no enabled project"));
        given().header("Authorization", admin).queryParam("target_id", id).when().get("/v1/orgs/" + org + "/jobs")
                .then().statusCode(200).body("data", hasSize(0));
    }

    @Test
    void a429WithoutRetryAfterIsRescheduledOnlyUntilTheLongestWaitFromTheRequest() {
        github.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"slow down\"}")));
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = Integrations.create(org, admin, integration(Integrations.secret("ghp_"), List.of("api")));
        String jobId = sync(org, admin, id, "wait=5").then().statusCode(202)
                .body("status", equalTo("queued")).body("attempts", equalTo(0)).extract().path("id");
        // The same provider answer, as if the job had been requested two hours ago: past the longest wait (1 h).
        updateOne("update jobs set created_at = now() - interval '2 hours', run_at = now() where id = ? and status = 'queued'",
                jobId);
        awaitJob(admin, jobId, job -> "failed".equals(job.path("status"))).then()
                .body("status", equalTo("failed"))
                .body("error.code", equalTo("provider_rate_limited"))
                .body("error.message", containsString("longest wait"));
    }

    @Test
    void aRateLimitLongerThanTheLongestWaitFailsTheJob() {
        github.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(java.time.Instant.now().plusSeconds(7200).getEpochSecond()))
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"API rate limit exceeded for user ID 1.\"}")));
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = Integrations.create(org, admin, integration(Integrations.secret("ghp_"), List.of("api")));
        sync(org, admin, id, "wait=20").then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("error.code", equalTo("provider_rate_limited"))
                .body("error.message", containsString("longest wait"))
                .body("attempts", equalTo(1));
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/integrations/" + id)
                .then().body("status.health", equalTo("failing"));
    }
}
