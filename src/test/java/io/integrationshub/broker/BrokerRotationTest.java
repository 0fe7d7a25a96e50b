package io.integrationshub.broker;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.integrationshub.broker.Brokers.base;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** Token rotation (API.md 5): provisional tokens per broker group, the verified switch job, heartbeats. */
@QuarkusTest
public class BrokerRotationTest {

    /** A brokered integration in one organisation and its clone in another of the same group. */
    private record Group(UUID org, UUID other, String admin, Brokers.Brokered source, String cloneId) {
    }

    private static Group group() {
        UUID group = Fixtures.group();
        UUID org = Fixtures.organisation(group);
        UUID other = Fixtures.organisation(group);
        String admin = TestTokens.user().role(org, "admin").role(other, "admin").bearer();
        Brokers.Brokered source = Brokers.create(org, admin, "rotating");
        String cloneId = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("destination_org_id", other.toString()))
                .when().post(base(org) + "/" + source.id() + "/clone").then().statusCode(201)
                .extract().path("new_integration_id");
        return new Group(org, other, admin, source, cloneId);
    }

    @Test
    void oneProvisionalTokenPerGroupShownOnceAndHonouringIdempotencyKeys() {
        Group g = group();
        String key = UUID.randomUUID().toString();
        Response first = given().header("Authorization", g.admin()).header("Idempotency-Key", key)
                .when().post(base(g.org()) + "/" + g.source().id() + "/broker/provisional-token")
                .then().statusCode(201)
                .body("id", equalTo(g.source().id()))
                .body("provisional_broker_token", matchesPattern(Brokers.TOKEN_PATTERN))
                .extract().response();
        String provisional = first.path("provisional_broker_token");
        assertThat(provisional).isNotEqualTo(g.source().token());
        given().header("Authorization", g.admin()).header("Idempotency-Key", key)
                .when().post(base(g.org()) + "/" + g.source().id() + "/broker/provisional-token")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("provisional_broker_token", equalTo(provisional));

        // Any member of the group: a second pending token is refused.
        Response second = Brokers.provision(g.other(), g.admin(), g.cloneId());
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat((String) second.path("code")).isEqualTo("conflict");
        assertThat(Brokers.provision(g.org(), g.admin(), g.source().id()).statusCode()).isEqualTo(409);

        for (Object[] member : new Object[][] {{g.org(), g.source().id()}, {g.other(), g.cloneId()}}) {
            Brokers.integration((UUID) member[0], g.admin(), (String) member[1]).then()
                    .body("broker.provisional_token_pending", equalTo(true))
                    .body("broker.token_hint", equalTo(g.source().token().substring(g.source().token().length() - 4)))
                    .body("version", equalTo(2))
                    .body(not(containsString(provisional)));
        }
        // Both tokens authenticate while the provisional one is pending.
        assertThat(Brokers.heartbeatIds(provisional)).containsExactly(g.source().id(), g.cloneId());
        assertThat(Brokers.heartbeatIds(g.source().token())).containsExactly(g.source().id(), g.cloneId());
    }

    @Test
    void concurrentProvisionalRequestsInOneGroupProvisionOneToken() throws Exception {
        Group g = group();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                boolean viaClone = i % 2 == 1;
                answers.add(pool.submit(() -> {
                    start.await();
                    return viaClone ? Brokers.provision(g.other(), g.admin(), g.cloneId()).statusCode()
                            : Brokers.provision(g.org(), g.admin(), g.source().id()).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void provisionalTokensAndSwitchesNeedABrokeredIntegration() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String direct = io.integrationshub.support.Integrations.create(org, admin,
                io.integrationshub.support.Integrations.github("direct", "ghp_x"));
        assertThat(Brokers.provision(org, admin, direct).statusCode()).isEqualTo(409);
        assertThat(Brokers.switchAndWait(org, admin, direct).statusCode()).isEqualTo(409);
        Brokers.Brokered brokered = Brokers.create(org, admin, "nothing pending");
        Response refused = Brokers.switchAndWait(org, admin, brokered.id());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aSwitchBeforeAnyHeartbeatFailsAndTheProvisionalTokenStaysPending() {
        Group g = group();
        String provisional = Brokers.provision(g.org(), g.admin(), g.source().id()).path("provisional_broker_token");
        Response job = Brokers.switchAndWait(g.org(), g.admin(), g.source().id());
        assertThat(job.statusCode()).isEqualTo(200);
        assertThat((String) job.path("type")).isEqualTo("broker.switch_token");
        assertThat((String) job.path("status")).isEqualTo("failed");
        assertThat((String) job.path("error.code")).isEqualTo("broker_not_connected");
        assertThat(job.asString()).doesNotContain(provisional).doesNotContain(g.source().token());
        Brokers.integration(g.org(), g.admin(), g.source().id()).then().body("broker.provisional_token_pending", equalTo(true));
        // Nothing moved: the old token still serves the group.
        assertThat(Brokers.heartbeatIds(g.source().token())).hasSize(2);

        // The operator starts the client and retries: now it switches.
        assertThat(Brokers.heartbeatIds(provisional)).hasSize(2);
        Response retried = Brokers.switchAndWait(g.org(), g.admin(), g.source().id());
        assertThat((String) retried.path("status")).isEqualTo("succeeded");
        assertThat((String) retried.path("id")).isNotEqualTo(job.path("id"));
    }

    @Test
    void aSwitchAfterAHeartbeatMovesTheWholeGroupAndRetiresTheOldToken() {
        Group g = group();
        String old = g.source().token();
        String provisional = Brokers.provision(g.org(), g.admin(), g.source().id()).path("provisional_broker_token");
        Response beat = Brokers.heartbeat(provisional);
        assertThat(beat.statusCode()).isEqualTo(200);
        // The first connection of the provisional token is audited in both organisations, actor broker.
        for (UUID org : List.of(g.org(), g.other())) {
            List<Map<String, Object>> connected = Brokers.audit(org, g.admin(), "integration.broker_connected");
            assertThat(connected).anySatisfy(e -> {
                assertThat(((Map<?, ?>) e.get("actor")).get("type")).isEqualTo("broker");
                assertThat(e.get("changes").toString()).contains("provisional").contains("test-broker/1.2.3");
            });
        }

        Response job = given().header("Authorization", g.admin()).header("Prefer", "wait=20")
                .when().post(base(g.other()) + "/" + g.cloneId() + "/broker/switch-token")
                .then().statusCode(200).header("Content-Location", startsWith("/v1/jobs/"))
                .body("status", equalTo("succeeded"))
                .body("target.id", equalTo(g.cloneId()))
                .extract().response();
        assertThat(job.asString()).doesNotContain(provisional).doesNotContain(old);
        given().header("Authorization", g.admin()).when().get("/v1/jobs/" + job.path("id")).then().statusCode(200)
                .body("status", equalTo("succeeded")).body(not(containsString(provisional)));

        Response refused = Brokers.heartbeat(old);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("Broker");
        assertThat(Brokers.heartbeatIds(provisional)).containsExactly(g.source().id(), g.cloneId());
        String hint = provisional.substring(provisional.length() - 4);
        for (Object[] member : new Object[][] {{g.org(), g.source().id()}, {g.other(), g.cloneId()}}) {
            Brokers.integration((UUID) member[0], g.admin(), (String) member[1]).then()
                    .body("broker.token_hint", equalTo(hint))
                    .body("broker.provisional_token_pending", equalTo(false))
                    .body("broker.last_heartbeat_at", notNullValue())
                    .body("version", equalTo(3));
        }
        for (UUID org : List.of(g.org(), g.other())) {
            List<Map<String, Object>> switched = Brokers.audit(org, g.admin(), "integration.broker_token_switched");
            assertThat(switched).hasSize(1);
            assertThat(((Map<?, ?>) switched.get(0).get("actor")).get("type")).isEqualTo("system");
        }
        // Rotation can start over with the new token as the current one.
        assertThat(Brokers.provision(g.org(), g.admin(), g.source().id()).statusCode()).isEqualTo(201);
    }

    @Test
    void concurrentSwitchRequestsProduceOneSwitch() throws Exception {
        Group g = group();
        String provisional = Brokers.provision(g.org(), g.admin(), g.source().id()).path("provisional_broker_token");
        Brokers.heartbeatIds(provisional);
        int requests = 6;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                boolean viaClone = i % 2 == 1;
                Callable<Response> call = () -> {
                    start.await();
                    return given().header("Authorization", g.admin())
                            .when().post(viaClone ? base(g.other()) + "/" + g.cloneId() + "/broker/switch-token"
                                    : base(g.org()) + "/" + g.source().id() + "/broker/switch-token")
                            .then().extract().response();
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            Set<String> jobs = new HashSet<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                // Accepted with the one job, or, once that job switched, nothing pending any more.
                assertThat(response.statusCode()).isIn(202, 409);
                if (response.statusCode() == 202) {
                    jobs.add(response.path("id"));
                }
            }
            assertThat(jobs).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        // The job switches shortly after its transaction commits.
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (Brokers.heartbeat(g.source().token()).statusCode() != 401 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Brokers.heartbeat(g.source().token()).statusCode()).isEqualTo(401);
        assertThat(Brokers.audit(g.org(), g.admin(), "integration.broker_token_switched")).hasSize(1);
        assertThat(Brokers.audit(g.other(), g.admin(), "integration.broker_token_switched")).hasSize(1);
        List<Object> switchJobs = new ArrayList<>();
        for (UUID org : List.of(g.org(), g.other())) {
            switchJobs.addAll(given().header("Authorization", g.admin()).queryParam("type", "broker.switch_token")
                    .when().get("/v1/orgs/" + org + "/jobs").then().statusCode(200).extract().<List<Object>>path("data"));
        }
        assertThat(switchJobs).hasSize(1);
    }

    @Test
    void heartbeatsRecordTheClientAndAuditOnlyTheFirstConnection() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Brokers.Brokered brokered = Brokers.create(org, admin, "beating");
        for (int i = 0; i < 3; i++) {
            assertThat(Brokers.heartbeat(brokered.token()).statusCode()).isEqualTo(200);
        }
        List<Map<String, Object>> connected = Brokers.audit(org, admin, "integration.broker_connected");
        assertThat(connected).hasSize(1);
        assertThat(((Map<?, ?>) connected.get(0).get("actor")).get("type")).isEqualTo("broker");
        assertThat(connected.get(0).get("changes").toString()).contains("current").contains("test-broker/1.2.3");
        Brokers.integration(org, admin, brokered.id()).then().body("broker.last_heartbeat_at",
                matchesPattern("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"));
    }
}
