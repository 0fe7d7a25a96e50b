package io.integrationshub.broker;

import io.integrationshub.apitokens.ApiTokenSecrets;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.integrationshub.broker.Brokers.base;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives every broker call that reveals or presents a token, then scans every response body and header,
 * every job, audit event and captured log line, and the stored rows, for the token values (API.md 5, 11).
 * In-JVM only: it reads the application's log records and the database directly.
 */
@QuarkusTest
public class BrokerSecretLeakTest {
    private static LogCapture logs;
    private final List<String> tokens = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.install();
    }

    @AfterAll
    static void stopCapturing() {
        logs.uninstall();
    }

    private Response keep(Response response) {
        seen.add(response.asString());
        response.getHeaders().forEach(h -> seen.add(h.getName() + ": " + h.getValue()));
        return response;
    }

    private String token(String value) {
        assertThat(value).matches(Brokers.TOKEN_PATTERN);
        tokens.add(value);
        return value;
    }

    @Test
    void noBrokerTokenInResponsesJobsAuditLogsOrStoredRows() throws Exception {
        UUID group = Fixtures.group();
        UUID org = Fixtures.organisation(group);
        UUID other = Fixtures.organisation(group);
        String admin = TestTokens.user().role(org, "admin").role(other, "admin").bearer();

        Brokers.Brokered source = Brokers.create(org, admin, "leak");
        String first = token(source.token());
        String cloneId = keep(given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("destination_org_id", other.toString())).when().post(base(org) + "/" + source.id() + "/clone")
                .then().statusCode(201).extract().response()).path("new_integration_id");
        String key = UUID.randomUUID().toString();
        String second = token(given().header("Authorization", admin).header("Idempotency-Key", key)
                .when().post(base(org) + "/" + source.id() + "/broker/provisional-token")
                .then().statusCode(201).extract().path("provisional_broker_token"));
        keep(Brokers.provision(org, admin, source.id()));
        keep(Brokers.heartbeat(second));
        keep(Brokers.heartbeat(first));
        Response switched = keep(Brokers.switchAndWait(other, admin, cloneId));
        assertThat((String) switched.path("status")).isEqualTo("succeeded");
        keep(Brokers.heartbeat(first));
        String third = token(Brokers.provision(org, admin, source.id()).path("provisional_broker_token"));
        Response failed = keep(Brokers.switchAndWait(org, admin, source.id()));
        assertThat((String) failed.path("error.code")).isEqualTo(BrokerSwitchHandler.NOT_CONNECTED);

        String direct = Integrations.create(org, admin, Integrations.github("direct", "ghp_leak"));
        String fourth = token(given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .when().put(base(org) + "/" + direct + "/broker").then().statusCode(200).extract().path("broker_token"));
        keep(Brokers.heartbeat(fourth));
        keep(given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("enabled", false, "credentials", Map.of("token", "ghp_back"))).when()
                .put(base(org) + "/" + direct + "/broker").then().statusCode(200).extract().response());
        keep(Brokers.heartbeat(fourth));

        for (UUID o : List.of(org, other)) {
            keep(given().header("Authorization", admin).when().get(base(o)).then().statusCode(200).extract().response());
            keep(given().header("Authorization", admin).queryParam("limit", 240).when().get("/v1/orgs/" + o + "/audit-events")
                    .then().statusCode(200).extract().response());
            keep(given().header("Authorization", admin).queryParam("limit", 240).when().get("/v1/orgs/" + o + "/jobs")
                    .then().statusCode(200).extract().response());
        }
        for (Object[] member : new Object[][] {{org, source.id()}, {other, cloneId}, {org, direct}}) {
            keep(Brokers.integration((UUID) member[0], admin, (String) member[1]));
        }
        keep(given().header("Authorization", admin).when().get("/v1/jobs/" + switched.path("id")).then().statusCode(200)
                .extract().response());
        assertThat(String.join("\n", seen)).contains("broker_not_connected").contains("integration.broker_token_switched");

        for (String token : tokens) {
            for (String body : seen) {
                assertThat(body).as("a response").doesNotContain(token);
            }
            for (String line : logs.lines()) {
                assertThat(line).as("a log line").doesNotContain(token);
            }
        }
        assertThat(logs.lines()).as("logs were captured").isNotEmpty();
        assertStoredRows(List.of(first, second, third, fourth), third);
    }

    @Test
    void aHeartbeatOlderThanTheWindowDoesNotCount() throws Exception {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Brokers.Brokered brokered = Brokers.create(org, admin, "stale");
        String provisional = Brokers.provision(org, admin, brokered.id()).path("provisional_broker_token");
        Brokers.heartbeatIds(provisional);
        try (Connection db = database(); PreparedStatement age = db.prepareStatement(
                "update broker_tokens set last_seen_at = now() - interval '11 minutes', "
                        + "first_seen_at = now() - interval '11 minutes' where token_hash = ?")) {
            age.setString(1, ApiTokenSecrets.hash(provisional));
            assertThat(age.executeUpdate()).isEqualTo(1);
        }
        Response job = Brokers.switchAndWait(org, admin, brokered.id());
        assertThat((String) job.path("status")).isEqualTo("failed");
        assertThat((String) job.path("error.code")).isEqualTo(BrokerSwitchHandler.NOT_CONNECTED);
        assertThat((String) job.path("error.message")).contains("10 minutes");
        // A fresh heartbeat (the stored one is old enough to be rewritten) makes the retry succeed.
        Brokers.heartbeatIds(provisional);
        assertThat((String) Brokers.switchAndWait(org, admin, brokered.id()).path("status")).isEqualTo("succeeded");
    }

    private static Connection database() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private void assertStoredRows(List<String> tokens, String pending) throws Exception {
        try (Connection db = database()) {
            List<String> stored = new ArrayList<>();
            for (String sql : List.of("select changes::text from audit_events",
                    "select payload::text || coalesce(result::text, '') || coalesce(error::text, '') || coalesce(dedupe_key, '') from jobs",
                    "select row_to_json(i)::text from integrations i",
                    "select row_to_json(t)::text from broker_tokens t",
                    "select encode(coalesce(response_body, ''::bytea), 'escape') || response_headers::text from idempotency_records")) {
                try (ResultSet rows = db.createStatement().executeQuery(sql)) {
                    while (rows.next()) {
                        stored.add(rows.getString(1));
                    }
                }
            }
            assertThat(stored).isNotEmpty();
            for (String token : tokens) {
                for (String value : stored) {
                    assertThat(value).as("a stored row").doesNotContain(token);
                }
            }
            // Tokens are kept as their SHA-256: the pending provisional one is found by it.
            try (PreparedStatement find = db.prepareStatement("select state from broker_tokens where token_hash = ?")) {
                find.setString(1, ApiTokenSecrets.hash(pending));
                try (ResultSet row = find.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).isEqualTo("provisional");
                }
            }
        }
    }
}
