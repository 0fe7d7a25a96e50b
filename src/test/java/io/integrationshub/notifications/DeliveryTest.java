package io.integrationshub.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationshub.notifications.Receiver.Answer;
import io.integrationshub.notifications.Receiver.Received;
import io.integrationshub.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.integrationshub.notifications.NotificationFixtures.WAIT;
import static io.integrationshub.notifications.NotificationFixtures.awaitStatus;
import static io.integrationshub.notifications.NotificationFixtures.base;
import static io.integrationshub.notifications.NotificationFixtures.create;
import static io.integrationshub.notifications.NotificationFixtures.delivery;
import static io.integrationshub.notifications.NotificationFixtures.event;
import static io.integrationshub.notifications.NotificationFixtures.webhook;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * Events delivered end to end through the job queue to a real receiver on loopback; every webhook
 * signature is checked with {@link StandardWebhooksVerifier}, not with the code under test. The test
 * profile's schedule is 300ms,600ms (3 attempts) and the delivery timeout 3 s.
 */
@QuarkusTest
public class DeliveryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Receiver receiver;

    @Inject
    Pool pool;
    @Inject
    DeliveryStore store;
    @Inject
    Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    record Setup(UUID org, String auth, UUID project) {
    }

    private Setup setup() {
        UUID org = Fixtures.organisation();
        return new Setup(org, Fixtures.as(org, "admin"), NotificationFixtures.project(pool, org, "shop-api"));
    }

    /** A webhook to a fresh receiver path: [id, secret, path]. */
    private String[] hook(Setup s, Map<String, Object> extra) {
        String path = "/hook/" + UUID.randomUUID();
        Map<String, Object> body = new java.util.HashMap<>(webhook(receiver.url(path)));
        body.putAll(extra);
        Response created = create(s.auth(), s.project(), body).then().statusCode(201).extract().response();
        return new String[] { created.path("id"), created.path("signing_secret"), path };
    }

    private static List<String> publish(Setup s, String type, Map<String, Object> data) {
        return event(s.auth(), s.project(), Map.of("type", type, "data", data)).then().statusCode(202)
                .extract().path("deliveries.id");
    }

    private static JsonNode json(Received r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eventsFanOutToMatchingIntegrationsSignedPerStandardWebhooks() {
        Setup s = setup();
        String[] a = hook(s, Map.of("events", Map.of("deployments_failed", true)));
        String[] b = hook(s, Map.of());
        String[] off = hook(s, Map.of("events", Map.of("changelog", true)));
        String[] disabled = hook(s, Map.of("enabled", false));
        String slackPath = "/slack/" + UUID.randomUUID();
        String slack = create(s.auth(), s.project(), Map.of("type", "slack", "configuration",
                Map.of("url", receiver.url(slackPath)))).then().statusCode(201).extract().path("id");

        Response accepted = event(s.auth(), s.project(), Map.of("type", "deployment.failed", "occurred_at",
                "2026-11-23T10:15:30.123Z", "data", Map.of("summary", "build 42 broke <main>", "url", "https://ci.example.com/42")))
                .then().statusCode(202).body("deliveries", hasSize(3))
                .body("deliveries.notification_integration_id", containsInAnyOrder(a[0], b[0], slack))
                .body("deliveries.status", everyItem(equalTo("pending"))).extract().response();
        String eventId = accepted.path("event_id");
        String deliveryA = accepted.path("deliveries.find { it.notification_integration_id == '" + a[0] + "' }.id");

        Received toA = receiver.await(a[2], 1, WAIT).get(0);
        Received toB = receiver.await(b[2], 1, WAIT).get(0);
        Received toSlack = receiver.await(slackPath, 1, WAIT).get(0);
        assertThat(StandardWebhooksVerifier.verifies(a[1], toA)).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(b[1], toB)).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(b[1], toA)).as("another endpoint's secret").isFalse();
        assertThat(toA.header("webhook-id")).isEqualTo(deliveryA);
        assertThat(toA.header("content-type")).startsWith("application/json");
        assertThat(toA.method()).isEqualTo("POST");
        JsonNode body = json(toA);
        assertThat(body.path("id").asText()).isEqualTo(eventId);
        assertThat(body.path("type").asText()).isEqualTo("deployment.failed");
        assertThat(body.path("project_id").asText()).isEqualTo(s.project().toString());
        assertThat(body.path("organisation_id").asText()).isEqualTo(s.org().toString());
        assertThat(body.path("occurred_at").asText()).isEqualTo("2026-11-23T10:15:30.123Z");
        assertThat(body.path("data").path("summary").asText()).isEqualTo("build 42 broke <main>");

        JsonNode message = json(toSlack);
        assertThat(toSlack.header("webhook-signature")).isNull();
        assertThat(message.path("text").asText()).contains("Deployment failed").contains("shop-api")
                .contains("build 42 broke &lt;main&gt;");
        assertThat(message.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(message.path("blocks").toString()).contains("build 42 broke &lt;main&gt;").contains("https://ci.example.com/42");

        awaitStatus(pool, UUID.fromString(deliveryA), "delivered"::equals);
        given().header("Authorization", s.auth()).get(base(s.project()) + "/" + a[0] + "/deliveries").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].id", equalTo(deliveryA)).body("data[0].status", equalTo("delivered"))
                .body("data[0].attempts", equalTo(1)).body("data[0].response_status", equalTo(200))
                .body("data[0].response_body_excerpt", equalTo("ok")).body("data[0].event_type", equalTo("deployment.failed"))
                .body("data[0].event_id", equalTo(eventId)).body("data[0].next_attempt_at", nullValue());
        Receiver.sleep(300);
        assertThat(receiver.requests(off[2])).isEmpty();
        assertThat(receiver.requests(disabled[2])).isEmpty();
    }

    @Test
    void publishingAnEventIsAuditedWithoutItsData() {
        Setup s = setup();
        hook(s, Map.of());
        hook(s, Map.of("events", Map.of("changelog", true)));
        String eventId = event(s.auth(), s.project(), Map.of("type", "service.alarm", "data", Map.of("secretish", "DATA-NOT-AUDITED")))
                .then().statusCode(202).body("deliveries", hasSize(1)).extract().path("event_id");
        String audit = given().header("Authorization", s.auth())
                .get("/v1/orgs/" + s.org() + "/audit-events?action=notification_event.published").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].target.type", equalTo("notification_event"))
                .body("data[0].target.id", equalTo(eventId)).body("data[0].actor.type", equalTo("user"))
                .body("data[0].changes.type.to", equalTo("service.alarm"))
                .body("data[0].changes.project_id.to", equalTo(s.project().toString()))
                .body("data[0].changes.deliveries.to", equalTo(1)).extract().asString();
        assertThat(audit).doesNotContain("DATA-NOT-AUDITED");
        // A refused event changes nothing, so it writes no entry.
        event(s.auth(), s.project(), Map.of("type", "service.alarm")).then().statusCode(400);
        given().header("Authorization", s.auth()).get("/v1/orgs/" + s.org() + "/audit-events?action=notification_event.published")
                .then().statusCode(200).body("data", hasSize(1));
    }

    @Test
    void failedAttemptsAreRetriedOnTheScheduleWithTheSameWebhookId() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        receiver.script(hook[2], Answer.of(500, "boom"), Answer.of(502));
        String id = publish(s, "service.alarm", Map.of("service", "db")).get(0);
        List<Received> got = receiver.await(hook[2], 3, WAIT);
        awaitStatus(pool, UUID.fromString(id), "delivered"::equals);
        for (Received r : got) {
            assertThat(StandardWebhooksVerifier.verifies(hook[1], r)).isTrue();
            assertThat(r.header("webhook-id")).isEqualTo(id);
            assertThat(r.body()).isEqualTo(got.get(0).body());
        }
        // The test schedule is 300ms, 600ms, each -20% at most.
        assertThat(got.get(1).atMillis() - got.get(0).atMillis()).isGreaterThanOrEqualTo(230);
        assertThat(got.get(2).atMillis() - got.get(1).atMillis()).isGreaterThanOrEqualTo(470);
        given().header("Authorization", s.auth()).get(base(s.project()) + "/" + hook[0] + "/deliveries/" + id)
                .then().statusCode(200).body("delivery.status", equalTo("delivered")).body("delivery.attempts", equalTo(3))
                .body("attempts.response_status", contains(500, 502, 200))
                .body("attempts[0].response_body_excerpt", equalTo("boom"))
                .body("attempts[0].error", equalTo("the receiver answered 500"));
    }

    @Test
    void deliveriesFailAfterTheLastAttempt() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        receiver.always(hook[2], Answer.of(500, "é".repeat(900)));
        String id = publish(s, "service.ok", Map.of()).get(0);
        awaitStatus(pool, UUID.fromString(id), "failed"::equals);
        assertThat(receiver.requests(hook[2])).hasSize(3);
        given().header("Authorization", s.auth()).get(base(s.project()) + "/" + hook[0] + "/deliveries").then()
                .body("data[0].status", equalTo("failed")).body("data[0].attempts", equalTo(3))
                .body("data[0].response_status", equalTo(500)).body("data[0].error", equalTo("the receiver answered 500"));
        assertThat(Integer.parseInt(delivery(pool, UUID.fromString(id), "octet_length(response_body_excerpt)"))).isEqualTo(1024);
        // The job's outcome is written by the engine's batched completion after the handler marked the delivery.
        awaitJobStatus(UUID.fromString(delivery(pool, UUID.fromString(id), "job_id")), "failed");
    }

    /** A Retry-After longer than the schedule's delay (300 ms, 600 ms here) is waited for; the attempt still counts. */
    @Test
    void retryAfterLengthensTheScheduledDelayAndUsesAnAttempt() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        receiver.script(hook[2], Answer.of(429).header("Retry-After", "2"), Answer.of(503).header("Retry-After", "1"));
        String id = publish(s, "promotion.created", Map.of()).get(0);
        awaitStatus(pool, UUID.fromString(id), "delivered"::equals);
        List<Received> got = receiver.requests(hook[2]);
        assertThat(got).hasSize(3); // the schedule's 3 attempts: each Retry-After used one
        assertThat(got.get(1).atMillis() - got.get(0).atMillis()).as("Retry-After: 2, not 300 ms").isGreaterThanOrEqualTo(1950);
        assertThat(got.get(2).atMillis() - got.get(1).atMillis()).as("Retry-After: 1, not 600 ms").isGreaterThanOrEqualTo(950);
        UUID job = UUID.fromString(delivery(pool, UUID.fromString(id), "job_id"));
        awaitJobStatus(job, "succeeded");
        assertThat(NotificationFixtures.count(pool, "select attempts from jobs where id = $1", job)).isEqualTo(3);
        given().header("Authorization", s.auth()).get(base(s.project()) + "/" + hook[0] + "/deliveries/" + id)
                .then().statusCode(200).body("delivery.attempts", equalTo(3))
                .body("attempts.response_status", contains(429, 503, 200))
                .body("attempts[0].error", equalTo("the receiver answered 429 with Retry-After: next attempt in 2 s"))
                .body("attempts[1].error", equalTo("the receiver answered 503 with Retry-After: next attempt in 1 s"));
    }

    /**
     * A receiver answering every attempt 429 with Retry-After: 0 is not called in a loop: each answer is a failed
     * attempt that waits at least the schedule's delay (and Retry-After's floor of 1 s), and after the schedule's
     * last attempt the delivery fails, its attempts those of its job.
     */
    @Test
    void aReceiverThatAlwaysAsksToRetryAfterZeroFailsTheDeliveryAfterTheSchedule() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        receiver.always(hook[2], Answer.of(429).header("Retry-After", "0"));
        String id = publish(s, "service.alarm", Map.of("service", "api")).get(0);
        awaitStatus(pool, UUID.fromString(id), "failed"::equals);
        UUID job = UUID.fromString(delivery(pool, UUID.fromString(id), "job_id"));
        awaitJobStatus(job, "failed");
        List<Received> got = receiver.requests(hook[2]);
        assertThat(got).hasSize(3);
        for (int i = 1; i < got.size(); i++) {
            assertThat(got.get(i).atMillis() - got.get(i - 1).atMillis()).isGreaterThanOrEqualTo(950);
        }
        given().header("Authorization", s.auth()).get("/v1/jobs/" + job).then().statusCode(200)
                .body("status", equalTo("failed")).body("attempts", equalTo(3)).body("max_attempts", equalTo(3))
                .body("error.code", equalTo("delivery_failed"));
        given().header("Authorization", s.auth()).get(base(s.project()) + "/" + hook[0] + "/deliveries/" + id)
                .then().statusCode(200).body("delivery.status", equalTo("failed")).body("delivery.attempts", equalTo(3))
                .body("delivery.next_attempt_at", nullValue()).body("delivery.response_status", equalTo(429))
                .body("delivery.error", equalTo("the receiver answered 429"))
                .body("attempts.response_status", contains(429, 429, 429));
        Receiver.sleep(1500);
        assertThat(receiver.requests(hook[2])).as("nothing after the last attempt").hasSize(3);
    }

    /** A long Retry-After: the job waits that long with the attempt used, and the delivery shows when it runs next. */
    @Test
    void aLongRetryAfterIsTheNextAttemptsTimeAndCountsAsAnAttempt() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        receiver.always(hook[2], Answer.of(503).header("Retry-After", "3600"));
        String id = publish(s, "service.alarm", Map.of()).get(0);
        receiver.await(hook[2], 1, WAIT);
        UUID job = UUID.fromString(delivery(pool, UUID.fromString(id), "job_id"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (NotificationFixtures.count(pool, "select count(*) from jobs where id = $1 and status = 'queued' "
                + "and attempts = 1", job) == 0) {
            assertThat(System.nanoTime()).as("retried after the Retry-After").isLessThan(deadline);
            Receiver.sleep(20);
        }
        assertThat(NotificationFixtures.count(pool, "select count(*) from jobs where id = $1 and run_at between "
                + "updated_at + interval '3599 seconds' and updated_at + interval '3601 seconds'", job)).isEqualTo(1);
        Response delivery = given().header("Authorization", s.auth())
                .get(base(s.project()) + "/" + hook[0] + "/deliveries/" + id).then().statusCode(200)
                .body("delivery.status", equalTo("pending")).body("delivery.attempts", equalTo(1))
                .body("delivery.error", equalTo("the receiver answered 503 with Retry-After: next attempt in 3600 s"))
                .extract().response();
        Instant next = Instant.parse(delivery.path("delivery.next_attempt_at"));
        assertThat(next).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        given().header("Authorization", s.auth()).get("/v1/jobs/" + job).then().statusCode(200)
                .body("status", equalTo("queued")).body("attempts", equalTo(1)).body("max_attempts", equalTo(3));
        given().header("Authorization", s.auth()).delete(base(s.project()) + "/" + hook[0]).then().statusCode(204);
    }

    @Test
    void goneDisablesTheIntegrationAndIsAuditedAsTheSystem() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        receiver.always(hook[2], Answer.of(410));
        String id = publish(s, "changelog.published", Map.of()).get(0);
        awaitStatus(pool, UUID.fromString(id), "failed"::equals);
        assertThat(receiver.requests(hook[2])).hasSize(1);
        given().header("Authorization", s.auth()).get(base(s.project()) + "/" + hook[0]).then()
                .body("enabled", equalTo(false)).body("version", equalTo(2));
        given().header("Authorization", s.auth()).get("/v1/orgs/" + s.org() + "/audit-events?action=notification_integration.disabled")
                .then().statusCode(200).body("data", hasSize(1)).body("data[0].actor.type", equalTo("system"))
                .body("data[0].target.id", equalTo(hook[0])).body("data[0].changes.enabled.to", equalTo(false));
        event(s.auth(), s.project(), Map.of("type", "changelog.published", "data", Map.of())).then().statusCode(202)
                .body("deliveries", empty());
    }

    @Test
    void redirectsAreNotFollowed() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        String elsewhere = "/elsewhere/" + UUID.randomUUID();
        receiver.always(hook[2], Answer.of(307).header("Location", receiver.url(elsewhere)));
        String id = publish(s, "deployment.succeeded", Map.of()).get(0);
        awaitStatus(pool, UUID.fromString(id), "failed"::equals);
        assertThat(receiver.requests(hook[2])).hasSize(3);
        assertThat(receiver.requests(elsewhere)).isEmpty();
        assertThat(delivery(pool, UUID.fromString(id), "error")).contains("redirect, not followed");
    }

    @Test
    void anAnswerThatTakesTooLongIsAFailedAttempt() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        receiver.script(hook[2], Answer.of(200).delay(6000));
        String id = publish(s, "deployment.in_progress", Map.of()).get(0);
        awaitStatus(pool, UUID.fromString(id), "delivered"::equals);
        given().header("Authorization", s.auth()).get(base(s.project()) + "/" + hook[0] + "/deliveries/" + id).then()
                .body("attempts", hasSize(2)).body("attempts[0].response_status", nullValue())
                .body("attempts[0].error", equalTo("no complete answer within 3000 ms"))
                .body("attempts[1].response_status", equalTo(200));
    }

    @Test
    void redeliverSendsAgainWithTheSameWebhookId() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        String id = publish(s, "deployment.failed", Map.of("n", 1)).get(0);
        awaitStatus(pool, UUID.fromString(id), "delivered"::equals);
        String path = base(s.project()) + "/" + hook[0] + "/deliveries/" + id + "/redeliver";
        // API.md 1.5: the answer is the delivery's job, its target the delivery.
        var answer = given().header("Authorization", s.auth()).post(path).then().statusCode(202)
                .body("type", equalTo("notification.deliver")).body("status", equalTo("queued"))
                .body("target.type", equalTo("notification_delivery")).body("target.id", equalTo(id))
                .extract();
        assertThat(answer.header("Location")).endsWith("/v1/jobs/" + answer.path("id"));
        List<Received> got = receiver.await(hook[2], 2, WAIT);
        assertThat(got.get(1).header("webhook-id")).isEqualTo(id);
        assertThat(StandardWebhooksVerifier.verifies(hook[1], got.get(1))).isTrue();
        awaitStatus(pool, UUID.fromString(id), "delivered"::equals);
        assertThat(delivery(pool, UUID.fromString(id), "attempts")).isEqualTo("2");
        given().header("Authorization", s.auth()).post(base(s.project()) + "/" + hook[0] + "/deliveries/" + UUID.randomUUID()
                + "/redeliver").then().statusCode(404);
    }

    @Test
    void redeliveringAPendingDeliverySendsItNowInsteadOfAtItsScheduledRetry() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        receiver.script(hook[2], Answer.of(503).header("Retry-After", "3600"));
        String id = publish(s, "deployment.failed", Map.of("n", 1)).get(0);
        receiver.await(hook[2], 1, WAIT);
        UUID job = UUID.fromString(delivery(pool, UUID.fromString(id), "job_id"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (NotificationFixtures.count(pool, "select count(*) from jobs where id = $1 and status = 'queued' "
                + "and run_at > now() + interval '30 minutes'", job) == 0) {
            assertThat(System.nanoTime()).as("rescheduled for the Retry-After").isLessThan(deadline);
            Receiver.sleep(20);
        }
        Instant asked = Instant.now();
        String answered = given().header("Authorization", s.auth())
                .post(base(s.project()) + "/" + hook[0] + "/deliveries/" + id + "/redeliver").then().statusCode(202)
                .body("id", equalTo(job.toString())).body("target.id", equalTo(id)).extract().path("run_at");
        assertThat(Instant.parse(answered)).isBefore(asked.plusSeconds(5));
        List<Received> got = receiver.await(hook[2], 2, WAIT);
        assertThat(got.get(1).header("webhook-id")).isEqualTo(id);
        awaitStatus(pool, UUID.fromString(id), "delivered"::equals);
    }

    @Test
    void aDisabledIntegrationRefusesRecoverAndRedeliverThatWouldSendNothing() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        receiver.always(hook[2], Answer.of(410));
        String id = publish(s, "service.alarm", Map.of()).get(0);
        awaitStatus(pool, UUID.fromString(id), "failed"::equals);
        given().header("Authorization", s.auth()).get(base(s.project()) + "/" + hook[0]).then().body("enabled", equalTo(false));
        given().header("Authorization", s.auth()).contentType("application/json")
                .body(Map.of("since", Instant.now().minus(Duration.ofHours(1)).toString()))
                .post(base(s.project()) + "/" + hook[0] + "/deliveries/recover").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("conflict"))
                .body("detail", containsString("disabled"));
        given().header("Authorization", s.auth()).post(base(s.project()) + "/" + hook[0] + "/deliveries/" + id + "/redeliver")
                .then().statusCode(409).body("code", equalTo("conflict")).body("detail", containsString("disabled"));
        assertThat(delivery(pool, UUID.fromString(id), "status")).isEqualTo("failed");
        assertThat(NotificationFixtures.count(pool, "select count(*) from jobs where target_id = $1", UUID.fromString(id)))
                .isEqualTo(1);
        assertThat(NotificationFixtures.count(pool, "select count(*) from audit_events where action in "
                + "('notification_integration.recovered', 'notification_delivery.redelivered') and organisation_id = $1", s.org()))
                .isZero();
        // Enabled again, both work.
        receiver.always(hook[2], Answer.of(204, ""));
        given().header("Authorization", s.auth()).contentType("application/json").body(Map.of("enabled", true))
                .patch(base(s.project()) + "/" + hook[0]).then().statusCode(200);
        given().header("Authorization", s.auth()).contentType("application/json")
                .body(Map.of("since", Instant.now().minus(Duration.ofHours(1)).toString()))
                .post(base(s.project()) + "/" + hook[0] + "/deliveries/recover").then().statusCode(202)
                .body("redelivered", equalTo(1));
        awaitStatus(pool, UUID.fromString(id), "delivered"::equals);
        assertThat(receiver.requests(hook[2])).hasSize(2);
    }

    @Test
    void recoverSendsTheFailedDeliveriesOfAPeriodAgain() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        receiver.always(hook[2], Answer.of(500));
        String first = publish(s, "service.alarm", Map.of()).get(0);
        String second = publish(s, "service.ok", Map.of()).get(0);
        awaitStatus(pool, UUID.fromString(first), "failed"::equals);
        awaitStatus(pool, UUID.fromString(second), "failed"::equals);
        receiver.always(hook[2], Answer.of(204, ""));
        String recover = base(s.project()) + "/" + hook[0] + "/deliveries/recover";
        given().header("Authorization", s.auth()).contentType("application/json")
                .body(Map.of("since", Instant.now().minus(Duration.ofDays(8)).toString())).post(recover)
                .then().statusCode(400).body("errors[0].pointer", equalTo("/since"));
        given().header("Authorization", s.auth()).contentType("application/json").body(Map.of()).post(recover)
                .then().statusCode(400).body("errors[0].pointer", equalTo("/since"));
        given().header("Authorization", s.auth()).contentType("application/json")
                .body(Map.of("since", Instant.now().minus(Duration.ofHours(1)).toString())).post(recover)
                .then().statusCode(202).body("redelivered", equalTo(2));
        awaitStatus(pool, UUID.fromString(first), "delivered"::equals);
        awaitStatus(pool, UUID.fromString(second), "delivered"::equals);
        assertThat(receiver.requests(hook[2]).stream().filter(r -> r.header("webhook-id").equals(first)).count()).isEqualTo(4);
    }

    @Test
    void aFailedDeliveryWhoseJobStillShowsRunningIsSentAgainByANewJob() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        receiver.always(hook[2], Answer.of(500));
        String id = publish(s, "service.alarm", Map.of()).get(0);
        awaitStatus(pool, UUID.fromString(id), "failed"::equals);
        UUID finishing = UUID.fromString(delivery(pool, UUID.fromString(id), "job_id"));
        // The moment between the handler marking the delivery failed and the engine's batched outcome write: the
        // job still shows as running, under a lease nobody here holds.
        awaitJobStatus(finishing, "failed");
        NotificationFixtures.sql(pool, "update jobs set status = 'running', finished_at = null, lease_owner = 'elsewhere', "
                + "lease_expires_at = now() + interval '1 hour' where id = $1", finishing);
        receiver.always(hook[2], Answer.of(204, ""));
        String redelivered = given().header("Authorization", s.auth())
                .post(base(s.project()) + "/" + hook[0] + "/deliveries/" + id + "/redeliver")
                .then().statusCode(202).extract().path("id");
        assertThat(redelivered).isNotEqualTo(finishing.toString());
        awaitStatus(pool, UUID.fromString(id), "delivered"::equals);
        NotificationFixtures.sql(pool, "update jobs set status = 'failed', finished_at = now(), lease_owner = null, "
                + "lease_expires_at = null where id = $1", finishing);
    }

    private void awaitJobStatus(UUID job, String status) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!status.equals(NotificationFixtures.sql(pool, "select status from jobs where id = $1", job)
                .iterator().next().getString("status"))) {
            assertThat(System.nanoTime()).as("job %s %s in time", job, status).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void testSendsASignedPing() {
        Setup s = setup();
        String[] hook = hook(s, Map.of("enabled", false));
        // API.md 1.5: the delivery's job; with Prefer: wait, 200 once it finished.
        String job = given().header("Authorization", s.auth()).header("Prefer", "wait=20")
                .post(base(s.project()) + "/" + hook[0] + "/test").then().statusCode(200)
                .header("Content-Location", startsWith("/v1/jobs/")).header("Preference-Applied", equalTo("wait=20"))
                .body("type", equalTo("notification.deliver")).body("status", equalTo("succeeded"))
                .body("target.type", equalTo("notification_delivery")).extract().path("id");
        String delivery = given().header("Authorization", s.auth()).get("/v1/jobs/" + job).then().statusCode(200)
                .extract().path("target.id");
        assertThat(delivery(pool, UUID.fromString(delivery), "event_type")).isEqualTo("ping");
        given().header("Authorization", s.auth()).post(base(s.project()) + "/" + hook[0] + "/test").then().statusCode(202)
                .header("Location", containsString("/v1/jobs/")).body("type", equalTo("notification.deliver"));
        Received ping = receiver.await(hook[2], 1, WAIT).get(0);
        assertThat(StandardWebhooksVerifier.verifies(hook[1], ping)).isTrue();
        assertThat(json(ping).path("type").asText()).isEqualTo("ping");
    }

    @Test
    void rotationSignsWithBothSecretsUntilThePreviousExpires() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        String old = hook[1];
        String fresh = given().header("Authorization", s.auth()).post(base(s.project()) + "/" + hook[0] + "/rotate-secret")
                .then().statusCode(200).body("version", equalTo(2)).extract().path("signing_secret");
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        given().header("Authorization", s.auth()).get(base(s.project()) + "/" + hook[0]).then()
                .body("$", not(hasKey("signing_secret")));

        publish(s, "deployment.failed", Map.of());
        Received during = receiver.await(hook[2], 1, WAIT).get(0);
        assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(StandardWebhooksVerifier.matching(fresh, during.header("webhook-id"), during.header("webhook-timestamp"),
                during.body(), during.header("webhook-signature"))).hasSize(1);
        assertThat(StandardWebhooksVerifier.matching(old, during.header("webhook-id"), during.header("webhook-timestamp"),
                during.body(), during.header("webhook-signature"))).hasSize(1);

        NotificationFixtures.sql(pool, "update notification_integrations set previous_secret_expires_at = now() - interval '1 second' "
                + "where id = $1", UUID.fromString(hook[0]));
        publish(s, "deployment.failed", Map.of());
        Received after = receiver.await(hook[2], 2, WAIT).get(1);
        assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
        assertThat(StandardWebhooksVerifier.verifies(fresh, after)).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(old, after)).isFalse();
        assertThat(NotificationFixtures.count(pool, "select count(*) from notification_integrations where id = $1 "
                + "and previous_secret_ciphertext is null", UUID.fromString(hook[0]))).isEqualTo(1);
    }

    @Test
    void eventsAreValidatedAndDataIsRequiredAndAtMost64KiB() {
        Setup s = setup();
        hook(s, Map.of());
        // API.md 10: data has a limit of its own (64 KiB), a schema rule of one field: 400 pointing at it (1.1);
        // 413 is for bodies over 1 MiB.
        event(s.auth(), s.project(), Map.of("type", "deployment.failed", "data", Map.of("log", "x".repeat(70_000))))
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("bad_input"))
                .body("errors", hasSize(1)).body("errors[0].pointer", equalTo("/data"))
                .body("errors[0].detail", containsString("64 KiB"));
        // {type, data, occurred_at?}: only occurred_at is optional.
        event(s.auth(), s.project(), Map.of("type", "deployment.failed")).then().statusCode(400)
                .body("code", equalTo("bad_input")).body("errors", hasSize(1))
                .body("errors[0].pointer", equalTo("/data")).body("errors[0].detail", equalTo("is required"));
        event(s.auth(), s.project(), "{\"type\": \"deployment.failed\", \"data\": null}").then().statusCode(400)
                .body("errors", hasSize(1)).body("errors[0].pointer", equalTo("/data"))
                .body("errors[0].detail", equalTo("is required"));
        event(s.auth(), s.project(), Map.of()).then().statusCode(400).body("errors.pointer", containsInAnyOrder("/type", "/data"));
        event(s.auth(), s.project(), Map.of("type", "deploy", "data", Map.of())).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/type"));
        // RFC 3339 only: no five-digit or signed year (it would be written back in another form), no offset seconds.
        for (String notRfc3339 : List.of("yesterday", "+300000-01-01T00:00:00Z", "2026-11-23T10:15Z", "2026-11-23T10:15:30+01:00:30")) {
            event(s.auth(), s.project(), Map.of("type", "deployment.failed", "data", Map.of(), "occurred_at", notRfc3339))
                    .then().statusCode(400).body("errors[0].pointer", equalTo("/occurred_at"));
        }
        for (Object notAnObject : List.of(List.of(1), "text", 7, true)) {
            event(s.auth(), s.project(), Map.of("type", "deployment.failed", "data", notAnObject)).then().statusCode(400)
                    .body("errors[0].pointer", equalTo("/data")).body("errors[0].detail", equalTo("must be an object"));
        }
        event(s.auth(), s.project(), Map.of("type", "deployment.failed", "data", Map.of(), "extra", 1)).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/extra"));
        assertThat(NotificationFixtures.count(pool, "select count(*) from notification_events where project_id = $1", s.project()))
                .isZero();
        event(s.auth(), s.project(), Map.of("type", "deployment.failed", "data", Map.of("log", "x".repeat(60_000))))
                .then().statusCode(202).body("deliveries", hasSize(1));
    }

    @Test
    void deletingAnIntegrationRemovesItsQueuedDeliveries() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        receiver.always(hook[2], Answer.of(503).header("Retry-After", "3600"));
        String id = publish(s, "service.alarm", Map.of()).get(0);
        receiver.await(hook[2], 1, WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (NotificationFixtures.count(pool, "select count(*) from jobs where target_id = $1 and status = 'queued' "
                + "and run_at > now() + interval '1 minute'", UUID.fromString(id)) == 0) {
            assertThat(System.nanoTime()).as("rescheduled for the Retry-After").isLessThan(deadline);
            Receiver.sleep(20);
        }
        given().header("Authorization", s.auth()).delete(base(s.project()) + "/" + hook[0]).then().statusCode(204);
        assertThat(NotificationFixtures.count(pool, "select count(*) from jobs where target_id = $1", UUID.fromString(id))).isZero();
    }

    @Test
    void deletingTheProjectRemovesItsIntegrationsDeliveriesAndPendingJobs() {
        Setup s = setup();
        String[] hook = hook(s, Map.of());
        receiver.always(hook[2], Answer.of(429).header("Retry-After", "3600"));
        String id = publish(s, "service.alarm", Map.of()).get(0);
        receiver.await(hook[2], 1, WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (NotificationFixtures.count(pool, "select count(*) from jobs where target_id = $1 and status = 'queued'",
                UUID.fromString(id)) == 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Receiver.sleep(20);
        }
        given().header("Authorization", s.auth()).delete("/v1/projects/" + s.project()).then().statusCode(204);
        assertThat(NotificationFixtures.count(pool, "select count(*) from jobs where target_id = $1", UUID.fromString(id))).isZero();
        assertThat(NotificationFixtures.count(pool, "select count(*) from notification_integrations where project_id = $1",
                s.project())).isZero();
        assertThat(NotificationFixtures.count(pool, "select count(*) from notification_deliveries where id = $1",
                UUID.fromString(id))).isZero();
    }

    @Test
    void collaboratorsReadTheDeliveryJobsOfTheirProject() {
        Setup s = setup();
        hook(s, Map.of());
        io.integrationshub.support.TestTokens viewer = io.integrationshub.support.TestTokens.user();
        NotificationFixtures.collaborator(pool, s.project(), viewer.subject(), "viewer");
        String id = publish(s, "deployment.succeeded", Map.of()).get(0);
        awaitStatus(pool, UUID.fromString(id), "delivered"::equals);
        String job = delivery(pool, UUID.fromString(id), "job_id");
        awaitJobStatus(UUID.fromString(job), "succeeded");
        given().header("Authorization", viewer.bearer()).get("/v1/jobs/" + job).then().statusCode(200)
                .body("type", equalTo("notification.deliver")).body("status", equalTo("succeeded"))
                .body("target.type", equalTo("notification_delivery")).body("target.id", equalTo(id))
                .body("result.response_status", equalTo(200));
        given().header("Authorization", io.integrationshub.support.TestTokens.user().bearer()).get("/v1/jobs/" + job)
                .then().statusCode(404);
    }

    @Test
    void metricsCountDeliveries() {
        Setup s = setup();
        hook(s, Map.of());
        String id = publish(s, "deployment.succeeded", Map.of()).get(0);
        awaitStatus(pool, UUID.fromString(id), "delivered"::equals);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("hub_notifications_deliveries_total{outcome=\"delivered\",status_class=\"2xx\"}"))
                .body(containsString("hub_notifications_attempt_duration_seconds_count{status_class=\"2xx\"}"))
                .body(containsString("hub_notifications_retries_pending"));
    }

    /** The gauge's count is asked from a periodic timer on the event loop, outside any request: it must answer there. */
    @Test
    void retriesPendingAnswersFromAnEventLoopTimer() {
        long expected = pool.query("select count(*) from notification_deliveries where status = 'pending' and attempts > 0")
                .execute().await().atMost(WAIT).iterator().next().getLong(0);
        CompletableFuture<Long> counted = new CompletableFuture<>();
        vertx.setTimer(1, id -> store.retriesPending().subscribe().with(counted::complete, counted::completeExceptionally));
        assertThat(counted).succeedsWithin(WAIT).isEqualTo(expected);
    }
}
