package io.integrationshub.hardening;

import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14 finding 10: a request head must arrive in time (slowloris), and one address holds few connections. */
@QuarkusTest
@TestProfile(ConnectionLimitsTest.Small.class)
public class ConnectionLimitsTest {

    public static class Small implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hub.http.header-timeout", "1s", "hub.http.max-connections-per-client", "20",
                    "hub.jobs.enabled", "false");
        }
    }

    @Test
    void slowRequestHeadIsCut() throws Exception {
        try (RawHttp http = new RawHttp()) {
            String head = "GET /v1/orgs HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "s".repeat(100);
            long start = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < head.length() && !closed; i++) {
                try {
                    http.send(head.substring(i, i + 1));
                } catch (IOException reset) {
                    closed = true;
                    break;
                }
                closed = http.closedWithin(100);
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(closed).as("slowloris connection closed").isTrue();
            assertThat(seconds).isLessThan(5);
        }
        // An idle connection that never sends anything is cut the same way.
        try (RawHttp idle = new RawHttp()) {
            assertThat(idle.closedWithin(4000)).isTrue();
        }
        // A prompt client is unaffected, also on a kept-alive connection across the timeout.
        try (RawHttp http = new RawHttp()) {
            String request = "GET /v1/orgs HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.user().bearer() + "\r\n\r\n";
            assertThat(http.send(request).read().status()).isEqualTo(200);
            assertThat(http.send(request).read().status()).isEqualTo(200);
        }
    }

    @Test
    void connectionsPerClientAddressAreCapped() throws Exception {
        List<RawHttp> open = new ArrayList<>();
        int refused = 0;
        try {
            // Opened at once, well within the 1 s header timeout of this profile.
            for (int i = 0; i < 30; i++) {
                open.add(new RawHttp());
            }
            for (RawHttp http : open) {
                http.socket.setSoTimeout(300);
                try {
                    RawHttp.Response response = http.read();
                    assertThat(response.status()).isEqualTo(503);
                    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                    assertThat(response.body()).contains("\"code\":\"unavailable\"");
                    refused++;
                } catch (IOException acceptedOrCut) {
                    // within the cap: waiting for a request (or already cut by the header timeout)
                }
            }
        } finally {
            for (RawHttp http : open) {
                http.close();
            }
        }
        assertThat(refused).as("connections beyond the cap of 20 refused").isBetween(8, 10);
        Thread.sleep(300);
        given().header("Authorization", TestTokens.user().bearer()).when().get("/v1/orgs").then().statusCode(200);
    }
}
