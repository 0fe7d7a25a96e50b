package io.integrationshub.notifications;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.integrationshub.common.Ids;
import io.integrationshub.jobs.api.JobContext;
import io.integrationshub.jobs.api.JobOutcome;
import io.integrationshub.jobs.api.JobTypes;
import io.integrationshub.notifications.Receiver.Answer;
import io.integrationshub.secrets.SecretCipher;
import io.integrationshub.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.integrationshub.notifications.NotificationFixtures.awaitStatus;
import static io.integrationshub.notifications.NotificationFixtures.create;
import static io.integrationshub.notifications.NotificationFixtures.delivery;
import static io.integrationshub.notifications.NotificationFixtures.event;
import static io.integrationshub.notifications.NotificationFixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;

/** The delivery-time address check and the per-URL concurrency limit, against the real handler, database and receiver. */
@QuarkusTest
public class DeliveryGuardsTest {
    static Receiver receiver;

    @Inject
    Pool pool;
    @Inject
    SecretCipher cipher;
    @Inject
    DeliveryJobHandler handler;

    @BeforeAll
    static void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void theResolvedAddressIsCheckedAgainAtEveryDelivery() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        UUID project = NotificationFixtures.project(pool, org, "p");
        String id = create(admin, project, webhook(receiver.url("/fine"))).then().statusCode(201).extract().path("id");
        // What a DNS answer changed after creation looks like: the stored URL now leads to a loopback address
        // that is not on the allow-list (only 127.0.0.1 and localhost are, in the test profile).
        String internal = "http://127.0.0.2:" + receiver.port() + "/internal-secret-path";
        SecretCipher.Sealed sealed = cipher.seal(internal, NotificationIntegration.URL_CONTEXT, UUID.fromString(id));
        NotificationFixtures.sql(pool, "update notification_integrations set url_ciphertext = $1, url_key_id = $2 where id = $3",
                io.vertx.core.buffer.Buffer.buffer(sealed.ciphertext()), sealed.keyId(), UUID.fromString(id));
        String deliveryId = event(admin, project, Map.of("type", "service.alarm", "data", Map.of())).then().statusCode(202)
                .extract().path("deliveries[0].id");
        awaitStatus(pool, UUID.fromString(deliveryId), "failed"::equals);
        String error = delivery(pool, UUID.fromString(deliveryId), "error");
        assertThat(error).contains("refused by the outbound policy").contains("loopback")
                .doesNotContain("internal-secret-path");
        assertThat(delivery(pool, UUID.fromString(deliveryId), "attempts")).isEqualTo("3");
        assertThat(receiver.requests("/internal-secret-path")).isEmpty();
    }

    @Test
    void atMostFourDeliveriesToOneUrlRunAtOnce() throws Throwable {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        UUID project = NotificationFixtures.project(pool, org, "p");
        String path = "/slow/" + UUID.randomUUID();
        receiver.always(path, Answer.of(200).delay(2000));
        UUID integration = UUID.fromString(create(admin, project, webhook(receiver.url(path))).then().statusCode(201)
                .extract().path("id"));
        // Deliveries without jobs, so that only this test runs them, all at once.
        UUID eventId = Ids.newId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        NotificationFixtures.sql(pool, "insert into notification_events (id, project_id, organisation_id, type, data, occurred_at, "
                + "created_at) values ($1, $2, $3, 'service.ok', '{}', $4, $4)", eventId, project, org, now);
        List<UUID> deliveries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID id = Ids.newId();
            deliveries.add(id);
            NotificationFixtures.sql(pool, "insert into notification_deliveries (id, project_id, notification_integration_id, "
                    + "event_id, event_type, status, created_at, updated_at) values ($1, $2, $3, $4, 'service.ok', 'pending', $5, $5)",
                    id, project, integration, eventId, now);
        }
        List<JobOutcome> outcomes = VertxContextSupport.subscribeAndAwait(() -> Uni.join().all(deliveries.stream()
                .map(id -> handler.run(new JobContext(Ids.newId(), org, JobTypes.NOTIFICATION_DELIVER, DeliveryJobs.TARGET_TYPE,
                        id, JsonNodeFactory.instance.objectNode().put("delivery_id", id.toString()), 1, 3, java.time.Instant.now())))
                .toList()).andFailFast());
        // Four took a slot and sent (whether the slow answer came in time does not matter here); two found
        // the URL full and were put back without an attempt.
        assertThat(outcomes.stream().filter(o -> o instanceof JobOutcome.Reschedule).count()).as(outcomes.toString()).isEqualTo(2);
        assertThat(receiver.await(path, 4, NotificationFixtures.WAIT)).hasSize(4);
        assertThat(receiver.maxInFlight(path)).isLessThanOrEqualTo(4);
        assertThat(NotificationFixtures.count(pool, "select count(*) from notification_delivery_attempts a join "
                + "notification_deliveries d on d.id = a.delivery_id where d.notification_integration_id = $1", integration))
                .isEqualTo(4);
    }
}
