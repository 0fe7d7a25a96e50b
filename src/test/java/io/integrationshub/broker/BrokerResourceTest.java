package io.integrationshub.broker;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.Integrations;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.integrationshub.broker.Brokers.base;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** Brokered integrations (API.md 4.3, 5): creation, enable and disable, clones in a broker group, permissions. */
@QuarkusTest
public class BrokerResourceTest {

    @Test
    void brokeredCreationShowsTheTokenOnceAndTheIntegrationKeepsNoCredentials() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Response created = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Brokers.brokeredGithub("brokered")).when().post(base(org))
                .then().statusCode(201).header("ETag", "\"1\"").header("Cache-Control", "no-store")
                .body("broker.enabled", equalTo(true))
                .body("broker.provisional_token_pending", equalTo(false))
                .body("broker.last_heartbeat_at", nullValue())
                .body("credentials.configured", equalTo(false))
                .body("credentials.fields", empty())
                .body("broker_token", matchesPattern(Brokers.TOKEN_PATTERN))
                .extract().response();
        String id = created.path("id");
        String token = created.path("broker_token");
        assertThat((String) created.path("broker.token_hint")).isEqualTo(token.substring(token.length() - 4));

        Brokers.integration(org, Fixtures.as(org, "viewer"), id).then()
                .body("$", not(hasKey("broker_token"))).body(not(containsString(token)))
                .body("broker.enabled", equalTo(true)).body("broker.token_hint", equalTo(token.substring(token.length() - 4)));
        given().header("Authorization", admin).when().get(base(org)).then().statusCode(200).body(not(containsString(token)));

        Response beat = Brokers.heartbeat(token);
        assertThat(beat.statusCode()).isEqualTo(200);
        assertThat((List<String>) beat.path("integrations.id")).containsExactly(id);
        assertThat((String) beat.path("integrations[0].organisation_id")).isEqualTo(org.toString());
        assertThat((String) beat.path("integrations[0].provider")).isEqualTo("github");
        assertThat((String) beat.path("integrations[0].configuration.enabled_repos[0].repo_name")).isEqualTo("api");
        assertThat(beat.asString()).doesNotContain(token).doesNotContain("credentials");
        Brokers.integration(org, admin, id).then().body("broker.last_heartbeat_at", notNullValue()).body("version", equalTo(1));
    }

    @Test
    void brokeredCreationRefusesCredentialsAndProvidersWithoutBrokerSupport() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Map<String, Object> withCredentials = Brokers.brokeredGithub("with credentials");
        withCredentials.put("credentials", Map.of("token", "ghp_x"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(withCredentials).when().post(base(org))
                .then().statusCode(400).body("errors.pointer", hasItem("/credentials"));
        Map<String, Object> slack = new HashMap<>();
        slack.put("provider", "slack");
        slack.put("broker", Map.of("enabled", true));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(slack).when().post(base(org))
                .then().statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem("/broker/enabled"));
        given().header("Authorization", admin).queryParam("provider", "slack").when().get(base(org))
                .then().statusCode(200).body("data", empty());
    }

    @Test
    void brokeredIntegrationRefusesCredentialsAndDeletionUntilTheBrokerIsDisabled() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Brokers.Brokered brokered = Brokers.create(org, admin, "brokered");
        String path = base(org) + "/" + brokered.id();
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("credentials", Map.of("token", "ghp_x")))
                .when().put(path + "/credentials").then().statusCode(409).body("code", equalTo("conflict"));
        given().header("Authorization", admin).when().delete(path + "/credentials").then().statusCode(204);
        given().header("Authorization", admin).when().delete(path).then().statusCode(409).body("code", equalTo("conflict"));
        Brokers.integration(org, admin, brokered.id()).then().body("version", equalTo(1)).body("broker.enabled", equalTo(true));

        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("enabled", false, "credentials", Map.of("token", "ghp_new")))
                .when().put(path + "/broker").then().statusCode(200);
        given().header("Authorization", admin).when().delete(path).then().statusCode(204);
        assertThat(Brokers.heartbeat(brokered.token()).statusCode()).isEqualTo(401);
    }

    @Test
    void enablingErasesCredentialsAndDisablingStoresValidatedOnes() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = Integrations.create(org, admin, Integrations.github("direct", "ghp_first"));
        String path = base(org) + "/" + id + "/broker";
        given().header("Authorization", admin).header("If-Match", "\"7\"").contentType(ContentType.JSON)
                .body(Map.of("enabled", true)).when().put(path).then().statusCode(412);
        Response enabled = given().header("Authorization", admin).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("enabled", true)).when().put(path)
                .then().statusCode(200).header("ETag", "\"2\"").header("Cache-Control", "no-store")
                .body("broker_token", matchesPattern(Brokers.TOKEN_PATTERN))
                .body("integration.broker.enabled", equalTo(true))
                .body("integration.credentials.configured", equalTo(false))
                .body("integration.version", equalTo(2))
                .extract().response();
        String token = enabled.path("broker_token");
        assertThat(Brokers.heartbeatIds(token)).containsExactly(id);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .when().put(path).then().statusCode(409);
        List<Map<String, Object>> events = Brokers.audit(org, admin, "integration.broker_enabled");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).toString()).contains("[redacted]").doesNotContain(token);

        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .when().put(path).then().statusCode(400).body("errors.pointer", hasItem("/credentials"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("enabled", false, "credentials", Map.of("token", 5)))
                .when().put(path).then().statusCode(400).body("errors.pointer", hasItem("/credentials/token"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("credentials", Map.of("token", "x")))
                .when().put(path).then().statusCode(400).body("errors.pointer", hasItem("/enabled"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("enabled", false, "credentials", Map.of("token", "ghp_second")))
                .when().put(path).then().statusCode(200).header("ETag", "\"3\"").header("Cache-Control", nullValue())
                .body("broker_token", nullValue())
                .body("integration.broker.enabled", equalTo(false))
                .body("integration.broker.token_hint", nullValue())
                .body("integration.credentials.configured", equalTo(true))
                .body("integration.credentials.fields", contains("token"));
        // The last member out retires the group's token.
        assertThat(Brokers.heartbeat(token).statusCode()).isEqualTo(401);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("enabled", false, "credentials", Map.of("token", "ghp_third")))
                .when().put(path).then().statusCode(409);
    }

    @Test
    void providersWithoutBrokerSupportAre400() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Map<String, Object> slack = new HashMap<>();
        slack.put("provider", "slack");
        slack.put("credentials", Map.of("bot_token", "xoxb-1"));
        String id = Integrations.create(org, admin, slack);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .when().put(base(org) + "/" + id + "/broker").then().statusCode(400).body("errors.pointer", hasItem("/enabled"));
        Brokers.integration(org, admin, id).then().body("credentials.configured", equalTo(true)).body("version", equalTo(1));
    }

    @Test
    void aCloneJoinsTheBrokerGroupAndLeavesItAlone() {
        UUID group = Fixtures.group();
        UUID org = Fixtures.organisation(group);
        UUID other = Fixtures.organisation(group);
        String admin = TestTokens.user().role(org, "admin").role(other, "admin").bearer();
        Brokers.Brokered source = Brokers.create(org, admin, "shared");
        Response clone = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("destination_org_id", other.toString()))
                .when().post(base(org) + "/" + source.id() + "/clone")
                .then().statusCode(201)
                .body("integration.broker.enabled", equalTo(true))
                .body("integration.broker.token_hint", equalTo(source.token().substring(source.token().length() - 4)))
                .body("integration.credentials.configured", equalTo(false))
                .body(not(containsString(source.token())))
                .extract().response();
        String cloneId = clone.path("new_integration_id");
        assertThat(Brokers.heartbeatIds(source.token())).containsExactly(source.id(), cloneId);
        Response beat = Brokers.heartbeat(source.token());
        assertThat((List<String>) beat.path("integrations.organisation_id")).containsExactly(org.toString(), other.toString());

        // The clone leaves with its own credentials; the source keeps the token.
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("enabled", false, "credentials", Map.of("token", "ghp_clone")))
                .when().put(base(other) + "/" + cloneId + "/broker").then().statusCode(200);
        assertThat(Brokers.heartbeatIds(source.token())).containsExactly(source.id());
        Brokers.integration(org, admin, source.id()).then().body("broker.enabled", equalTo(true));
    }

    @Test
    void viewersAre403AndStrangers404() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Brokers.Brokered brokered = Brokers.create(org, admin, "guarded");
        String path = base(org) + "/" + brokered.id() + "/broker";
        String viewer = Fixtures.as(org, "viewer");
        UUID elsewhere = Fixtures.organisation();
        String stranger = Fixtures.as(elsewhere, "owner");
        for (String[] call : new String[][] {{viewer, "403"}, {stranger, "404"}}) {
            int status = Integer.parseInt(call[1]);
            given().header("Authorization", call[0]).contentType(ContentType.JSON).body(Map.of("enabled", true))
                    .when().put(path).then().statusCode(status).contentType("application/problem+json");
            given().header("Authorization", call[0]).when().post(path + "/provisional-token").then().statusCode(status);
            given().header("Authorization", call[0]).when().post(path + "/switch-token").then().statusCode(status);
        }
        Brokers.integration(org, viewer, brokered.id()).then().body("broker.enabled", equalTo(true));
        given().header("Authorization", stranger).when().get(base(org) + "/" + brokered.id()).then().statusCode(404);
        given().when().post(path + "/provisional-token").then().statusCode(401);
        given().header("Authorization", admin).when().post(base(org) + "/not-a-uuid/broker/provisional-token")
                .then().statusCode(400);
        given().header("Authorization", admin).when().post(base(org) + "/" + UUID.randomUUID() + "/broker/provisional-token")
                .then().statusCode(404);
        // The broker token opens nothing but the broker's own endpoint.
        given().header("Authorization", "Broker " + brokered.token()).when().get(base(org) + "/" + brokered.id())
                .then().statusCode(401);
    }

    @Test
    void openApiDocumentsTheBrokerSchemeAndOperations() {
        String broker = "/v1/orgs/{org_id}/integrations/{integration_id}/broker";
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.broker.type", equalTo("http"))
                .body("components.securitySchemes.broker.scheme", equalTo("Broker"))
                .body("paths.'/v1/broker/connections'.post.security", hasSize(1))
                .body("paths.'/v1/broker/connections'.post.security[0]", hasKey("broker"))
                .body("paths.'/v1/broker/connections'.post.responses", hasKey("200"))
                .body("paths.'/v1/broker/connections'.post.responses.'401'.headers", hasKey("WWW-Authenticate"))
                .body("paths.'/v1/broker/connections'.post.responses", not(hasKey("403")))
                .body("paths.'" + broker + "'.put.responses", hasKey("200"))
                .body("paths.'" + broker + "'.put.responses", hasKey("412"))
                .body("paths.'" + broker + "'.put.security", hasSize(2))
                .body("paths.'" + broker + "/provisional-token'.post.responses", hasKey("201"))
                .body("paths.'" + broker + "/provisional-token'.post.responses", hasKey("409"))
                .body("paths.'" + broker + "/switch-token'.post.responses", hasKey("202"))
                .body("paths.'" + broker + "/switch-token'.post.responses", hasKey("409"))
                .body("components.schemas.IntegrationBroker.properties", hasKey("last_heartbeat_at"))
                .body("components.schemas.BrokerProvisionalToken.properties", hasKey("provisional_broker_token"))
                .body("components.schemas.BrokerConnection.properties", hasKey("integrations"))
                .body("components.schemas.IntegrationCreated.properties", hasKey("broker_token"))
                .body("components.schemas.IntegrationCreated.properties", hasKey("id"))
                .body("paths.'/v1/orgs/{org_id}/integrations'.post.responses.'201'.content.'application/json'.schema.'$ref'",
                        endsWith("IntegrationCreated"));
    }

    @Test
    void heartbeatsAcceptOnlyLiveBrokerTokens() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Brokers.Brokered brokered = Brokers.create(org, admin, "auth");
        given().when().post("/v1/broker/connections").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Broker")).body("code", equalTo("unauthenticated"));
        given().header("Authorization", admin).when().post("/v1/broker/connections").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Broker"));
        given().header("Authorization", "Token " + brokered.token()).when().post("/v1/broker/connections").then().statusCode(401);
        given().header("Authorization", "Broker brk_" + "A".repeat(43)).when().post("/v1/broker/connections")
                .then().statusCode(401).contentType("application/problem+json").body(not(containsString("A".repeat(43))));
        given().header("Authorization", "Broker nonsense").when().post("/v1/broker/connections").then().statusCode(401);
        given().header("Authorization", "Broker ").when().post("/v1/broker/connections").then().statusCode(401);
        given().header("Authorization", "broker " + brokered.token()).when().post("/v1/broker/connections").then().statusCode(200);
    }

    @Test
    void theProvisionalTokenIsNotToBeStoredByCaches() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Brokers.brokeredGithub("provisional-no-store")).when().post(base(org))
                .then().statusCode(201).header("Cache-Control", "no-store").extract().path("id");
        String key = UUID.randomUUID().toString();
        String token = given().header("Authorization", admin).header("Idempotency-Key", key)
                .when().post(base(org) + "/" + id + "/broker/provisional-token")
                .then().statusCode(201).header("Cache-Control", "no-store")
                .body("provisional_broker_token", matchesPattern(Brokers.TOKEN_PATTERN)).extract().path("provisional_broker_token");
        // The replay shows the same secret again, so it keeps the header.
        given().header("Authorization", admin).header("Idempotency-Key", key)
                .when().post(base(org) + "/" + id + "/broker/provisional-token")
                .then().statusCode(201).header("Idempotent-Replayed", "true").header("Cache-Control", "no-store")
                .body("provisional_broker_token", equalTo(token));
        // Reads without a secret are not marked.
        given().header("Authorization", admin).when().get(base(org) + "/" + id)
                .then().statusCode(200).header("Cache-Control", nullValue());
    }
}
