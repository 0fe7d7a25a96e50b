package io.integrationshub.secrets;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.Integrations;
import io.integrationshub.support.LogCapture;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives every secret-bearing call (create, replace, clone, replays, validation failures, conflicts,
 * audit) with unique secret values, then scans every response body, every captured log line and the
 * stored rows for them (API.md 11).
 */
@QuarkusTest
public class SecretLeakTest {
    private static LogCapture logs;
    private final List<String> secrets = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.install();
    }

    @AfterAll
    static void stopCapturing() {
        logs.uninstall();
    }

    private String secret(String prefix) {
        String s = Integrations.secret(prefix);
        secrets.add(s);
        return s;
    }

    private Response keep(Response response) {
        bodies.add(response.asString());
        response.getHeaders().forEach(h -> bodies.add(h.getName() + ": " + h.getValue()));
        return response;
    }

    private Response post(String auth, String path, Object body, String key) {
        var request = given().header("Authorization", auth).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return keep(request.when().post(path).then().extract().response());
    }

    @Test
    void noSecretLeavesInResponsesLogsAuditOrIdempotencyRecords() throws Exception {
        UUID group = Fixtures.group();
        UUID org = Fixtures.organisation(group);
        UUID destination = Fixtures.organisation(group);
        String admin = TestTokens.user().role(org, "admin").role(destination, "admin").bearer();
        String base = "/v1/orgs/" + org + "/integrations";

        String githubToken = secret("ghp_");
        String key = UUID.randomUUID().toString();
        Response created = post(admin, base, Integrations.github("leak", githubToken), key);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.path("id");
        assertThat(post(admin, base, Integrations.github("leak", githubToken), key).statusCode()).isEqualTo(201);
        // Conflict with the same name, carrying a secret.
        assertThat(post(admin, base, Integrations.github("leak", secret("ghp_")), null).statusCode()).isEqualTo(409);
        // Idempotency misuse carrying a secret.
        assertThat(post(admin, base, Integrations.github("other", secret("ghp_")), key).statusCode()).isEqualTo(409);

        Map<String, Object> bitbucket = new HashMap<>();
        bitbucket.put("provider", "bitbucket-cloud");
        bitbucket.put("configuration", Map.of("workspace", "acme"));
        bitbucket.put("credentials", Map.of("username", "bot", "app_password", secret("bbpw_")));
        assertThat(post(admin, base, bitbucket, null).statusCode()).isEqualTo(201);

        Map<String, Object> discord = new HashMap<>();
        discord.put("provider", "discord");
        discord.put("credentials", Map.of("webhook_url", "https://discord.com/api/webhooks/1/" + secret("dwh_")));
        assertThat(post(admin, base, discord, null).statusCode()).isEqualTo(201);

        // Invalid bodies carrying secrets: wrong pattern, unknown field, wrong type, invalid JSON around a secret.
        Map<String, Object> badDiscord = new HashMap<>();
        badDiscord.put("provider", "discord");
        badDiscord.put("credentials", Map.of("webhook_url", "ftp://discord.com/" + secret("dwh_")));
        assertThat(post(admin, base, badDiscord, null).statusCode()).isEqualTo(400);
        Map<String, Object> extra = Integrations.github("extra", secret("ghp_"));
        extra.put("credentials", Map.of("token", secret("ghp_"), "password", secret("pw_")));
        assertThat(post(admin, base, extra, null).statusCode()).isEqualTo(400);
        String broken = "{\"provider\":\"github\",\"credentials\":{\"token\":\"" + secret("ghp_") + "\"";
        assertThat(keep(given().header("Authorization", admin).contentType(ContentType.JSON).body(broken)
                .when().post(base).then().extract().response()).statusCode()).isEqualTo(400);
        Map<String, Object> registry = new HashMap<>();
        registry.put("provider", "harbor");
        registry.put("credentials", Map.of("hostname", "harbor.acme.example", "username", "robot", "password", 12345));
        assertThat(post(admin, base, registry, null).statusCode()).isEqualTo(400);
        assertThat(post(admin, "/v1/providers/github/validate",
                Map.of("credentials", Map.of("token", secret("ghp_"), "nonsense", secret("x_"))), null).statusCode())
                .isEqualTo(400);

        // Replacing credentials, reading, cloning, listing, auditing.
        assertThat(keep(given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("credentials", Map.of("token", secret("ghp_"))))
                .when().put(base + "/" + id + "/credentials").then().extract().response()).statusCode()).isEqualTo(200);
        keep(given().header("Authorization", admin).when().get(base + "/" + id).then().statusCode(200).extract().response());
        keep(given().header("Authorization", admin).when().get(base).then().statusCode(200).extract().response());
        assertThat(post(admin, base + "/" + id + "/clone", Map.of("destination_org_id", destination.toString()),
                UUID.randomUUID().toString()).statusCode()).isEqualTo(201);
        keep(given().header("Authorization", admin).queryParam("limit", 240).when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200).extract().response());
        keep(given().header("Authorization", admin).queryParam("limit", 240)
                .when().get("/v1/orgs/" + destination + "/audit-events").then().statusCode(200).extract().response());

        for (String secret : secrets) {
            for (String body : bodies) {
                assertThat(body).as("a response").doesNotContain(secret);
            }
            for (String line : logs.lines()) {
                assertThat(line).as("a log line").doesNotContain(secret);
            }
        }
        assertThat(logs.lines()).as("logs were captured").isNotEmpty();
        assertStoredRowsHoldNoPlaintext();
    }

    private void assertStoredRowsHoldNoPlaintext() throws Exception {
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            List<String> stored = new ArrayList<>();
            for (String sql : List.of("select changes::text from audit_events",
                    "select encode(coalesce(credentials_ciphertext, ''::bytea), 'escape') || configuration::text || settings::text from integrations",
                    "select encode(coalesce(response_body, ''::bytea), 'escape') || response_headers::text from idempotency_records")) {
                try (ResultSet rows = db.createStatement().executeQuery(sql)) {
                    while (rows.next()) {
                        stored.add(rows.getString(1));
                    }
                }
            }
            assertThat(stored).isNotEmpty();
            for (String secret : secrets) {
                for (String value : stored) {
                    assertThat(value).as("a stored row").doesNotContain(secret);
                }
            }
        }
    }
}
