package io.integrationshub.hardening;

import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** Issue 14 findings 1 (server-wide body budget) and 6 (unauthenticated requests rate-limited), with small limits. */
@QuarkusTest
@TestProfile(EdgeLimitsTest.SmallLimits.class)
public class EdgeLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hub.rate-limit.unauthenticated-per-minute", "60",
                    "hub.http.max-buffered-body-bytes", Integer.toString(2 * 1024 * 1024),
                    "hub.jobs.enabled", "false");
        }
    }

    @Test
    void requestsWithoutValidCredentialsAreRateLimitedPerAddress() throws Exception {
        String[] bad = {"Token iht_" + UUID.randomUUID(), "Bearer not.a.jwt", null};
        io.restassured.response.Response limited = null;
        for (int i = 0; i < 500 && limited == null; i++) {
            var request = given();
            if (bad[i % 3] != null) {
                request = request.header("Authorization", bad[i % 3]);
            }
            var response = request.when().get("/v1/orgs").then().extract().response();
            assertThat(response.statusCode()).isIn(401, 429);
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a 429 for an address that keeps failing to authenticate").isNotNull();
        limited.then().contentType("application/problem+json").body("code", equalTo("rate"))
                .header("Retry-After", matchesPattern("\\d+")).header("X-Request-Id", not(emptyOrNullString()));
        // Refused before the lookup: a valid token from the same address waits for the bucket too, then passes.
        Thread.sleep(1500);
        given().header("Authorization", TestTokens.user().bearer()).when().get("/v1/orgs").then().statusCode(200);
    }

    @Test
    void bodiesHeldAtOnceAcrossConnectionsAreCapped() throws Exception {
        String admin = TestTokens.platformAdmin();
        char[] filler = new char[64 * 1024];
        Arrays.fill(filler, 'a');
        String chunk = Integer.toHexString(filler.length) + "\r\n" + new String(filler) + "\r\n";
        List<RawHttp> open = new ArrayList<>();
        try {
            RawHttp.Response refused = null;
            // Unfinished 960 KiB bodies (each under the 1 MiB limit): the third cannot fit in 2 MiB.
            for (int c = 0; c < 4 && refused == null; c++) {
                RawHttp http = new RawHttp();
                open.add(http);
                http.send("POST /v1/groups HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + admin
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
                for (int i = 0; i < 15; i++) {
                    http.send(chunk);
                }
                http.socket.setSoTimeout(2000);
                try {
                    refused = http.read();
                } catch (java.net.SocketTimeoutException stillReading) {
                    // this body fits: the server keeps waiting for its end
                }
            }
            assertThat(refused).as("a connection refused once the budget is used").isNotNull();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isNotBlank();
        } finally {
            for (RawHttp http : open) {
                http.close();
            }
        }
        // Closed connections give their bytes back.
        Thread.sleep(500);
        given().header("Authorization", admin).contentType("application/json")
                .body("{\"name\":\"after " + UUID.randomUUID() + "\"}").when().post("/v1/groups").then().statusCode(201);
    }
}
