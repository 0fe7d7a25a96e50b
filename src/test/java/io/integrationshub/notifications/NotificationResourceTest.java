package io.integrationshub.notifications;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.integrationshub.notifications.NotificationFixtures.base;
import static io.integrationshub.notifications.NotificationFixtures.create;
import static io.integrationshub.notifications.NotificationFixtures.webhook;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** Notification integrations CRUD: masking, the one-time secret, URL checks, rights, audit (API.md 10, 2, 11). */
@QuarkusTest
public class NotificationResourceTest {
    private static final String URL = "https://hooks.example.com/services/T000/B000/XXXXSECRETPATH";

    @Inject
    Pool pool;

    @Test
    void webhookSecretIsShownOnceAndTheUrlOnlyMasked() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        UUID project = NotificationFixtures.project(pool, org, "checkout");
        Response created = create(admin, project, Map.of("type", "webhook", "configuration", Map.of("url", URL),
                "events", Map.of("deployments_failed", true)));
        created.then().statusCode(201).header("ETag", "\"1\"").header("Location", endsWith(created.path("id")))
                .body("project_id", equalTo(project.toString()))
                .body("type", equalTo("webhook")).body("enabled", equalTo(true)).body("version", equalTo(1))
                .body("configuration.url", equalTo("https://hooks.example.com/…"))
                .body("events.deployments_failed", equalTo(true)).body("events.deployments_succeeded", equalTo(false))
                .body("events.services_ok", equalTo(false))
                .body("created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        String secret = created.path("signing_secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        String id = created.path("id");

        String read = given().header("Authorization", admin).get(base(project) + "/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").body("configuration.url", equalTo("https://hooks.example.com/…"))
                .body("$", not(hasKey("signing_secret"))).extract().asString();
        String list = given().header("Authorization", admin).get(base(project)).then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].id", equalTo(id)).body("has_more", equalTo(false))
                .extract().asString();
        String audit = given().header("Authorization", admin).get("/v1/orgs/" + org + "/audit-events?target_id=" + id)
                .then().statusCode(200).body("data[0].action", equalTo("notification_integration.created"))
                .body("data[0].changes.url.to", equalTo("[redacted]"))
                .body("data[0].changes.signing_secret.to", equalTo("[redacted]")).extract().asString();
        String stored = NotificationFixtures.sql(pool, "select row_to_json(n)::text as t from notification_integrations n where id = $1",
                UUID.fromString(id)).iterator().next().getString("t");
        for (String text : new String[] { read, list, audit, stored }) {
            assertThat(text).doesNotContain("XXXXSECRETPATH").doesNotContain(secret).doesNotContain(secret.substring(6));
        }
    }

    @Test
    void slackIntegrationsHaveNoSecretAndEverythingSubscribedByDefault() {
        UUID org = Fixtures.organisation();
        String member = Fixtures.as(org, "member");
        UUID project = NotificationFixtures.project(pool, org, "p");
        create(member, project, Map.of("type", "slack", "configuration", Map.of("url", URL, "channel", "#deploys")))
                .then().statusCode(201).body("$", not(hasKey("signing_secret")))
                .body("configuration.channel", equalTo("#deploys"))
                .body("events.deployments_failed", equalTo(true)).body("events.services_ok", equalTo(true));
        create(member, project, Map.of("type", "webhook", "configuration", Map.of("url", URL, "channel", "#x")))
                .then().statusCode(400).body("errors[0].pointer", equalTo("/configuration/channel"));
    }

    @Test
    void urlsMustBeHttpsAndNeverInternal() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        UUID project = NotificationFixtures.project(pool, org, "p");
        for (String url : new String[] { "http://hooks.example.com/x", "ftp://hooks.example.com/x", "not a url",
                "https://user:pw@hooks.example.com/x", "https://127.0.0.2/hook", "https://10.1.2.3/hook",
                "https://169.254.169.254/latest/meta-data", "https://[::1]/hook", "https://[fd00::1]/x",
                "https://100.64.0.1/x", "https://[::ffff:192.168.0.1]/x" }) {
            create(admin, project, webhook(url)).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].pointer", equalTo("/configuration/url"))
                    .body("detail", not(containsString("/hook")));
        }
        assertThat(NotificationFixtures.count(pool, "select count(*) from notification_integrations where project_id = $1", project))
                .isZero();
        // Plain http is fine for an allow-listed host (the test profile allows 127.0.0.1 and localhost).
        create(admin, project, webhook("http://127.0.0.1:9/hook")).then().statusCode(201)
                .body("configuration.url", equalTo("http://127.0.0.1/…"));
    }

    @Test
    void badBodiesNamePointers() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        UUID project = NotificationFixtures.project(pool, org, "p");
        create(admin, project, Map.of("configuration", Map.of("url", URL))).then().statusCode(400)
                .body("errors.pointer", hasItem("/type"));
        create(admin, project, Map.of("type", "email", "configuration", Map.of("url", URL))).then().statusCode(400)
                .body("errors.pointer", hasItem("/type"));
        create(admin, project, Map.of("type", "webhook", "configuration", Map.of("url", URL), "id", "x",
                "events", Map.of("deploys", true, "changelog", "yes"))).then().statusCode(400)
                .body("errors.pointer", hasItems("/id", "/events/deploys", "/events/changelog"));
        create(admin, project, Map.of("type", "webhook")).then().statusCode(400)
                .body("errors.pointer", hasItem("/configuration"));
        given().header("Authorization", admin).get(base(project) + "/nope").then().statusCode(400)
                .body("errors[0].parameter", equalTo("nid"));
        given().header("Authorization", admin).get(base(project) + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void patchChangesWhatIsGivenWithIfMatch() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        UUID project = NotificationFixtures.project(pool, org, "p");
        String id = create(admin, project, Map.of("type", "webhook", "configuration", Map.of("url", URL),
                "events", Map.of("changelog", true))).path("id");
        String path = base(project) + "/" + id;
        patch(admin, path, "\"7\"", Map.of("enabled", false)).then().statusCode(412);
        patch(admin, path, "\"1\"", Map.of("enabled", false, "events", Map.of("promotions", true),
                "configuration", Map.of("url", "https://other.example.org/new/SECRET2")))
                .then().statusCode(200).header("ETag", "\"2\"").body("enabled", equalTo(false))
                .body("events.changelog", equalTo(true)).body("events.promotions", equalTo(true))
                .body("configuration.url", equalTo("https://other.example.org/…")).body("version", equalTo(2))
                .body("$", not(hasKey("signing_secret")));
        patch(admin, path, null, Map.of("type", "slack")).then().statusCode(400).body("errors[0].pointer", equalTo("/type"));
        patch(admin, path, null, Map.of("configuration", Map.of("url", "https://192.168.1.1/x"))).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/configuration/url"));
        given().header("Authorization", admin).header("If-Match", "\"2\"").delete(path).then().statusCode(204);
        given().header("Authorization", admin).get(path).then().statusCode(404);
    }

    @Test
    void rightsFollowProjectRolesAndCollaborators() {
        UUID org = Fixtures.organisation();
        UUID project = NotificationFixtures.project(pool, org, "p");
        TestTokens contributor = TestTokens.user();
        TestTokens viewer = TestTokens.user();
        NotificationFixtures.collaborator(pool, project, contributor.subject(), "contributor");
        NotificationFixtures.collaborator(pool, project, viewer.subject(), "viewer");

        String id = create(contributor.bearer(), project, webhook(URL)).then().statusCode(201).extract().path("id");
        NotificationFixtures.event(contributor.bearer(), project, Map.of("type", "changelog.published", "data", Map.of()))
                .then().statusCode(202);
        given().header("Authorization", viewer.bearer()).get(base(project) + "/" + id).then().statusCode(200);
        given().header("Authorization", viewer.bearer()).get(base(project) + "/" + id + "/deliveries").then().statusCode(200);
        create(viewer.bearer(), project, webhook(URL)).then().statusCode(403);
        NotificationFixtures.event(viewer.bearer(), project, Map.of("type", "changelog.published")).then().statusCode(403);
        given().header("Authorization", Fixtures.as(org, "viewer")).post(base(project) + "/" + id + "/rotate-secret")
                .then().statusCode(403);
        given().header("Authorization", Fixtures.as(org, "viewer")).get(base(project)).then().statusCode(200);
        String outsider = TestTokens.user().bearer();
        given().header("Authorization", outsider).get(base(project)).then().statusCode(404);
        create(outsider, project, webhook(URL)).then().statusCode(404);
        given().header("Authorization", Fixtures.as(Fixtures.organisation(), "owner")).get(base(project) + "/" + id)
                .then().statusCode(404);
    }

    @Test
    void idempotentCreationReplaysTheFirstAnswer() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        UUID project = NotificationFixtures.project(pool, org, "p");
        String key = UUID.randomUUID().toString();
        Response first = given().header("Authorization", admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(webhook(URL)).post(base(project)).then().statusCode(201).extract().response();
        given().header("Authorization", admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(webhook(URL)).post(base(project)).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first.path("id")));
        assertThat(NotificationFixtures.count(pool, "select count(*) from notification_integrations where project_id = $1", project))
                .isEqualTo(1);
    }

    @Test
    void openApiDocumentsTheNotificationEndpoints() {
        String base = "/v1/projects/{project_id}/notification-integrations";
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey(base))
                .body("paths", hasKey(base + "/{nid}"))
                .body("paths", hasKey(base + "/{nid}/rotate-secret"))
                .body("paths", hasKey(base + "/{nid}/test"))
                .body("paths", hasKey(base + "/{nid}/deliveries"))
                .body("paths", hasKey(base + "/{nid}/deliveries/{did}/redeliver"))
                .body("paths", hasKey(base + "/{nid}/deliveries/recover"))
                .body("paths", hasKey("/v1/projects/{project_id}/events"))
                .body("paths.'" + base + "'.post.responses", hasKey("201"))
                .body("paths.'" + base + "/{nid}'.patch.responses", hasKey("412"))
                .body("paths.'/v1/projects/{project_id}/events'.post.responses", hasKey("202"))
                .body("paths.'/v1/projects/{project_id}/events'.post.responses", hasKey("413"))
                .body("paths.'" + base + "/{nid}/deliveries'.get.parameters.name", hasItems("limit", "cursor", "sort"))
                .body("components.schemas.NotificationIntegration.properties", hasKey("signing_secret"))
                .body("components.schemas.NotificationIntegration.properties", hasKey("project_id"))
                .body("components.schemas.NotificationDelivery.properties", hasKey("response_body_excerpt"))
                .body("components.schemas.NotificationEvents.properties", hasKey("services_in_alarm"));
    }

    private static Response patch(String auth, String path, String ifMatch, Map<String, Object> body) {
        var request = given().header("Authorization", auth).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.patch(path).then().extract().response();
    }

    @Test
    void signingSecretRevealsAreNotToBeStoredByCaches() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        UUID project = NotificationFixtures.project(pool, org, "no-store");
        Response created = create(admin, project, Map.of("type", "webhook", "configuration", Map.of("url", URL)));
        created.then().statusCode(201).header("Cache-Control", "no-store").body("signing_secret", startsWith("whsec_"));
        String id = created.path("id");
        given().header("Authorization", admin).post(base(project) + "/" + id + "/rotate-secret")
                .then().statusCode(200).header("Cache-Control", "no-store").body("signing_secret", startsWith("whsec_"));
        given().header("Authorization", admin).get(base(project) + "/" + id)
                .then().statusCode(200).header("Cache-Control", nullValue());
        // A Slack integration has no secret: its creation is an ordinary answer.
        create(admin, project, Map.of("type", "slack", "configuration", Map.of("url", URL)))
                .then().statusCode(201).header("Cache-Control", nullValue()).body("$", not(hasKey("signing_secret")));
    }
}
