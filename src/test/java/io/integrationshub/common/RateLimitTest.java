package io.integrationshub.common;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** API.md 1.6 with small limits, so that exhausting them takes a few hundred requests, not thousands. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
public class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hub.rate-limit.per-minute", "200", "hub.rate-limit.sync-per-minute", "20",
                    "hub.rate-limit.unauthenticated-per-minute", "30");
        }
    }

    @Test
    void tooManyRequestsIs429WithRetryAfter() {
        String subject = "greedy-" + UUID.randomUUID();
        String token = TestTokens.user(subject).bearer();
        io.restassured.response.Response limited = null;
        // The bucket refills while the loop runs; it is drained as long as requests outpace the refill.
        for (int i = 0; i < 5000 && limited == null; i++) {
            var response = given().header("Authorization", token).when().get("/v1/orgs").then().extract().response();
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        org.assertj.core.api.Assertions.assertThat(limited).as("a 429 answer").isNotNull();
        limited.then().contentType("application/problem+json").body("code", equalTo("rate"))
                .header("Retry-After", matchesPattern("\\d+"));
        // A fresh token for the same principal draws from the same bucket; another principal is not affected.
        String sameSubject = TestTokens.user(subject).bearer();
        long limitedAgain = java.util.stream.IntStream.range(0, 20).map(i -> given().header("Authorization", sameSubject)
                .when().get("/v1/orgs").then().extract().statusCode()).filter(s -> s == 429).count();
        org.assertj.core.api.Assertions.assertThat(limitedAgain).isGreaterThan(10);
        given().header("Authorization", TestTokens.user().bearer()).when().get("/v1/orgs").then().statusCode(200);
    }

    @Test
    void failedAuthenticationsAreLimitedPerAddressWithoutLockingOutValidCallers() {
        int limited = 0;
        for (int i = 0; i < 200 && limited == 0; i++) {
            int status = given().header("Authorization", "Bearer not.a.token").when().get("/v1/orgs").then().extract().statusCode();
            if (status == 429) {
                limited = i;
            } else {
                assertThat(status).isEqualTo(401);
            }
        }
        // 30 a minute in this profile: the bucket runs dry after about 30 failures from this address ...
        assertThat(limited).isBetween(25, 40);
        given().header("Authorization", "Bearer not.a.token").when().get("/v1/orgs").then().statusCode(429)
                .header("Retry-After", matchesPattern("\\d+")).body("code", equalTo("rate"));
        // ... while valid credentials from the same address (users behind one NAT or proxy) are still served.
        given().header("Authorization", TestTokens.user().bearer()).when().get("/v1/orgs").then().statusCode(200);
    }

    @Test
    void bucketsBelongToTheSubjectNotToAPreferredUsernameOthersMayShare() {
        String shared = "shared-" + UUID.randomUUID();
        String greedy = "Bearer " + TestTokens.user().claims().preferredUserName(shared).sign(TestTokens.PRIVATE_KEY);
        String other = "Bearer " + TestTokens.user().claims().preferredUserName(shared).sign(TestTokens.PRIVATE_KEY);
        boolean limited = false;
        for (int i = 0; i < 5000 && !limited; i++) {
            limited = given().header("Authorization", greedy).when().get("/v1/orgs").then().extract().statusCode() == 429;
        }
        assertThat(limited).as("the greedy subject is limited").isTrue();
        given().header("Authorization", other).when().get("/v1/orgs").then().statusCode(200);
    }

    @Test
    void syncRequestsHaveATighterRateLimit() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String missing = "/v1/orgs/" + org + "/integrations/" + UUID.randomUUID() + "/sync";
        int limited = 0;
        for (int i = 0; i < 60 && limited == 0; i++) {
            int status = given().header("Authorization", admin).when().post(missing).then().extract().statusCode();
            if (status == 429) {
                limited = i;
            } else {
                assertThat(status).isEqualTo(404);
            }
        }
        // The sync tier (20 a minute in this profile) is exhausted long before the general one (200 a minute).
        assertThat(limited).isBetween(15, 25);
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/integrations").then().statusCode(200);
    }

    @Test
    void brokerHeartbeatsDrawFromTheTokensOwnTightBucket() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Map<String, Object> body = new java.util.HashMap<>(io.integrationshub.support.Integrations.github("brokered", "x"));
        body.remove("credentials");
        body.put("broker", Map.of("enabled", true));
        String token = given().header("Authorization", admin).contentType(io.restassured.http.ContentType.JSON).body(body)
                .when().post("/v1/orgs/" + org + "/integrations").then().statusCode(201).extract().path("broker_token");
        int limited = 0;
        for (int i = 0; i < 60 && limited == 0; i++) {
            int status = given().header("Authorization", "Broker " + token).when().post("/v1/broker/connections")
                    .then().extract().statusCode();
            if (status == 429) {
                limited = i;
            } else {
                assertThat(status).isEqualTo(200);
            }
        }
        assertThat(limited).isBetween(15, 25);
        // The bucket is the broker token's: the admin's own tight bucket is untouched.
        given().header("Authorization", admin).when().post("/v1/orgs/" + org + "/integrations/" + UUID.randomUUID() + "/sync")
                .then().statusCode(404);
    }
}
