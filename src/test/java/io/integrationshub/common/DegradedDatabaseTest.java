package io.integrationshub.common;

import io.integrationshub.support.FakeDatabaseServer;
import io.integrationshub.support.LogCapture;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** The error rows that need a broken database: 503 when it is unreachable, 408 when it hangs. */
@QuarkusTest
@TestProfile(DegradedDatabaseTest.Profile.class)
public class DegradedDatabaseTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.flyway.migrate-at-start", "false",
                    "quarkus.flyway.clean-at-start", "false",
                    "quarkus.hibernate-orm.schema-management.strategy", "none",
                    "hub.http.request-timeout", "2s",
                    "hub.health.ready-timeout", "1s",
                    "hub.jobs.enabled", "false",
                    "hub.secrets.reencrypt-on-start", "false");
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(FakeDatabaseServer.class));
        }
    }

    @Test
    void unreachableDatabaseIs503AndNotReady() {
        FakeDatabaseServer.mode = FakeDatabaseServer.Mode.DROP;
        UUID org = UUID.randomUUID();
        LogCapture logs = LogCapture.install();
        try {
            given().header("Authorization", TestTokens.user().role(org, "admin").bearer())
                    .header("X-Request-Id", "degraded-" + org)
                    .when().get("/v1/orgs/" + org)
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("code", equalTo("unavailable"))
                    .body(not(containsString("Exception")));
            // API.md 1.6: logs carry the request id.
            assertThat(logs.linesWithRequestIds()).anyMatch(line -> line.startsWith("degraded-" + org + " ")
                    && line.contains("database unavailable"));
        } finally {
            logs.uninstall();
        }
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void hangingDatabaseIs408() {
        FakeDatabaseServer.mode = FakeDatabaseServer.Mode.HANG;
        try {
            UUID org = UUID.randomUUID();
            given().header("Authorization", TestTokens.user().role(org, "admin").bearer())
                    .when().get("/v1/orgs/" + org)
                    .then().statusCode(408).contentType("application/problem+json")
                    .body("code", equalTo("timeout"))
                    .body("request_id", not(emptyOrNullString()));
        } finally {
            FakeDatabaseServer.mode = FakeDatabaseServer.Mode.DROP;
        }
    }

    /** Issue 14 finding 7: the readiness probe has its own short timeout and says DOWN, instead of hanging 20 s. */
    @Test
    void hangingDatabaseMakesReadinessDownQuickly() {
        FakeDatabaseServer.mode = FakeDatabaseServer.Mode.HANG;
        try {
            given().when().get("/q/health/ready")
                    .then().statusCode(503).body("status", equalTo("DOWN"))
                    .time(lessThan(8000L));
        } finally {
            FakeDatabaseServer.mode = FakeDatabaseServer.Mode.DROP;
        }
    }
}
