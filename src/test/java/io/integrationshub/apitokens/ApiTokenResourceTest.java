package io.integrationshub.apitokens;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
public class ApiTokenResourceTest {

    private static String create(UUID org, String admin, Map<String, Object> body) {
        return given().header("Authorization", admin).contentType(ContentType.JSON).body(body)
                .when().post("/v1/orgs/" + org + "/api-tokens")
                .then().statusCode(201).extract().path("token");
    }

    @Test
    void tokenIsShownOnceListedWithoutSecretAndWorksUntilRevoked() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        var created = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", "ci", "role", "viewer"))
                .when().post("/v1/orgs/" + org + "/api-tokens")
                .then().statusCode(201)
                .header("Location", containsString("/api-tokens/"))
                .header("Cache-Control", "no-store")
                .body("token", matchesPattern("^iht_[A-Za-z0-9_-]{43}$"))
                .body("role", equalTo("viewer"))
                .extract();
        String token = created.path("token");
        String id = created.path("id");
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/api-tokens")
                .then().statusCode(200)
                .body("data.id", hasItem(id))
                .body("data[0].token_hint", equalTo(token.substring(token.length() - 4)))
                .body(not(containsString(token)))
                .body("data[0]", not(hasKey("token")));

        // The token authenticates with its role's permissions.
        given().header("Authorization", "Token " + token).when().get("/v1/orgs/" + org)
                .then().statusCode(200).body("id", equalTo(org.toString()));
        given().header("Authorization", "Token " + token).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .when().patch("/v1/orgs/" + org).then().statusCode(403);

        given().header("Authorization", admin).when().delete("/v1/orgs/" + org + "/api-tokens/" + id)
                .then().statusCode(204);
        given().header("Authorization", "Token " + token).when().get("/v1/orgs/" + org)
                .then().statusCode(401).body("code", equalTo("unauthenticated"));
        given().header("Authorization", admin).when().delete("/v1/orgs/" + org + "/api-tokens/" + id)
                .then().statusCode(404);
    }

    @Test
    void locationPointsAtTheTokenAndAReplayedCreateMintsNoSecondToken() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String key = UUID.randomUUID().toString();
        var first = given().header("Authorization", admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("name", "once", "role", "viewer"))
                .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(201)
                .header("Cache-Control", "no-store").extract();
        // The replay holds the same secret, so it is kept out of caches as the first answer was.
        given().header("Authorization", admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("name", "once", "role", "viewer"))
                .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(201)
                .header("Idempotent-Replayed", "true").header("Cache-Control", "no-store")
                .contentType(first.contentType())
                .body("id", equalTo(first.path("id"))).body("token", equalTo(first.path("token")));
        given().header("Authorization", admin).when().get(first.header("Location"))
                .then().statusCode(200).body("id", equalTo(first.path("id"))).body("name", equalTo("once"))
                .body("$", not(hasKey("token")));
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/api-tokens")
                .then().body("data", hasSize(1));
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/api-tokens/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void tokensCannotManageTokens() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String token = create(org, admin, Map.of("name", "owner-token", "role", "owner"));
        given().header("Authorization", "Token " + token).when().get("/v1/orgs/" + org + "/api-tokens")
                .then().statusCode(403).body("code", equalTo("forbidden"));
        given().header("Authorization", "Token " + token).contentType(ContentType.JSON)
                .body(Map.of("name", "escalate", "role", "owner"))
                .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(403);
    }

    @Test
    void aTokenCannotCarryMoreThanItsCreatorHolds() {
        UUID org = Fixtures.organisation();
        String manager = TestTokens.user().permissions(org, "org.read", "org.manage").bearer();
        given().header("Authorization", manager).contentType(ContentType.JSON)
                .body(Map.of("name", "escalate", "role", "owner"))
                .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(403);
        given().header("Authorization", manager).contentType(ContentType.JSON)
                .body(Map.of("name", "escalate", "permissions", List.of("org.integration.edit")))
                .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(403);
        given().header("Authorization", manager).contentType(ContentType.JSON)
                .body(Map.of("name", "fine", "permissions", List.of("org.read")))
                .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(201);
    }

    @Test
    void permissionListTokensAndExpiry() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "owner");
        String reader = create(org, admin, Map.of("name", "reader", "permissions", List.of("org.read")));
        given().header("Authorization", "Token " + reader).when().get("/v1/orgs/" + org).then().statusCode(200);
        given().header("Authorization", "Token " + reader).when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(403);
        // A token cannot reach another organisation.
        UUID other = Fixtures.organisation();
        given().header("Authorization", "Token " + reader).when().get("/v1/orgs/" + other).then().statusCode(404);

        String soon = create(org, admin, Map.of("name", "soon", "role", "viewer",
                "expires_at", Instant.now().plusSeconds(2).toString()));
        given().header("Authorization", "Token " + soon).when().get("/v1/orgs/" + org).then().statusCode(200);
        await(() -> given().header("Authorization", "Token " + soon).when().get("/v1/orgs/" + org)
                .then().extract().statusCode() == 401);
    }

    @Test
    void invalidRequestsAre400WithPointers() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", "both", "role", "viewer", "permissions", List.of("org.read")))
                .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/role"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", "bad", "permissions", List.of("org.read", "platform.admin")))
                .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/permissions/1"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", "past", "role", "viewer", "expires_at", "2020-01-01T00:00:00Z"))
                .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/expires_at"));
        given().header("Authorization", Fixtures.as(org, "member")).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "role", "viewer"))
                .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(403);
    }

    @Test
    void expiresAtMustBeAnRfc3339StringWithAFourDigitYear() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        List<Object> invalid = List.of("+999999999-12-31T23:59:59Z", "+300000-01-01T00:00:00Z", "+2030-01-01T00:00:00Z",
                "10000-01-01T00:00:00Z", "9999-12-31T23:59:59-01:00", "2030-01-01T00:00Z", "2030-01-01 00:00:00Z",
                "2030-01-01T00:00:00", "2030-01-01T00:00:00+01:00:30", "2030-02-30T00:00:00Z", "2030-01-01",
                "tomorrow", "", 1893456000, 1893456000.5, true, List.of("2030-01-01T00:00:00Z"),
                Map.of("at", "2030-01-01T00:00:00Z"));
        for (Object value : invalid) {
            java.util.Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "far", "role", "viewer"));
            body.put("expires_at", value);
            given().header("Authorization", admin).contentType(ContentType.JSON).body(body)
                    .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("bad_input"))
                    .body("errors[0].pointer", equalTo("/expires_at"))
                    .body("errors[0].detail", containsString("RFC 3339"));
        }
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/api-tokens")
                .then().statusCode(200).body("data", hasSize(0));
        // Valid forms: the latest storable instant, an offset, lower-case t and z, a long fraction; null is no expiry.
        Object[][] valid = {
                {"9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"},
                {"2030-01-01T01:30:00.123456789+01:30", "2030-01-01T00:00:00.123Z"},
                {"2030-01-01t00:00:00z", "2030-01-01T00:00:00.000Z"}};
        for (Object[] c : valid) {
            String id = given().header("Authorization", admin).contentType(ContentType.JSON)
                    .body(Map.of("name", "ok", "role", "viewer", "expires_at", c[0]))
                    .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(201)
                    .body("expires_at", equalTo(c[1])).extract().path("id");
            given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/api-tokens/" + id)
                    .then().statusCode(200).body("expires_at", equalTo(c[1]));
        }
        java.util.Map<String, Object> noExpiry = new java.util.HashMap<>(Map.of("name", "forever", "role", "viewer"));
        noExpiry.put("expires_at", null);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(noExpiry)
                .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(201).body("expires_at", nullValue());
    }

    @Test
    void creationAndRevocationAreAuditedWithoutTheSecret() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String token = create(org, admin, Map.of("name", "audited", "role", "viewer"));
        given().header("Authorization", admin).queryParam("action", "api_token.created")
                .when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].actor.type", equalTo("user"))
                .body("data[0].target.type", equalTo("api_token"))
                .body("data[0].changes.token.to", equalTo("[redacted]"))
                .body("data[0].request_id", not(emptyOrNullString()))
                .body(not(containsString(token)));
    }

    @Test
    void revokeHonoursIfMatchWhichOnlyStarSatisfiesSinceTokensCarryNoVersion() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", "conditional", "role", "viewer"))
                .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(201).extract().path("id");
        String path = "/v1/orgs/" + org + "/api-tokens/" + id;
        // API.md 1.3: a GET sends no ETag (no version), so no entity tag can match: 412, and the token stays.
        given().header("Authorization", admin).when().get(path).then().statusCode(200).header("ETag", nullValue());
        for (String stale : List.of("\"99\"", "\"1\"", "W/\"1\"", "\"1\", \"2\"")) {
            given().header("Authorization", admin).header("If-Match", stale).when().delete(path)
                    .then().statusCode(412).contentType("application/problem+json")
                    .body("code", equalTo("precondition_failed"));
        }
        given().header("Authorization", admin).header("If-Match", "99").when().delete(path)
                .then().statusCode(400).body("errors[0].header", equalTo("If-Match"));
        given().header("Authorization", admin).when().get(path).then().statusCode(200);
        // An unknown token stays 404 whatever If-Match says; "*" revokes an existing one.
        given().header("Authorization", admin).header("If-Match", "\"99\"")
                .when().delete("/v1/orgs/" + org + "/api-tokens/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", admin).header("If-Match", "*").when().delete(path).then().statusCode(204);
        given().header("Authorization", admin).when().get(path).then().statusCode(404);
    }

    static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
