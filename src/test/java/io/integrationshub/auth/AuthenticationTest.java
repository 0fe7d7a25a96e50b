package io.integrationshub.auth;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** API.md 2: only well-signed RS256 tokens from the configured issuer, unexpired, get in. */
@QuarkusTest
public class AuthenticationTest {

    private static void assert401(String authorization) {
        var request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.when().get("/v1/orgs")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("unauthenticated"));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void validTokenIsAccepted() {
        given().header("Authorization", TestTokens.user().bearer()).when().get("/v1/orgs")
                .then().statusCode(200).body("data", empty()).body("has_more", equalTo(false));
    }

    /** An RS256 token over exactly these claims, signed by hand: the JWT builder adds iat and checks claim types. */
    private static String signed(String claimsJson) throws Exception {
        String signingInput = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(claimsJson);
        java.security.Signature rs256 = java.security.Signature.getInstance("SHA256withRSA");
        rs256.initSign(KeyUtils.readPrivateKey(TestTokens.PRIVATE_KEY));
        rs256.update(signingInput.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
    }

    @Test
    void aTokenWithoutIatIsAccepted() throws Exception {
        // API.md 2 requires exp; iat is optional.
        long exp = Instant.now().getEpochSecond() + 600;
        String token = signed("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"no-iat\",\"exp\":" + exp
                + ",\"orgs\":{\"" + UUID.randomUUID() + "\":\"viewer\"}}");
        given().header("Authorization", "Bearer " + token).when().get("/v1/orgs").then().statusCode(200);
    }

    @Test
    void profileClaimsOfAnotherJsonTypeCountAsAbsent() throws Exception {
        // name, preferred_username and picture are optional text claims (API.md 2); a number, array or object
        // neither fails the request (it used to be a 500, or no answer at all) nor becomes a profile.
        long now = Instant.now().getEpochSecond();
        String token = signed("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"odd-claims\",\"iat\":" + now
                + ",\"exp\":" + (now + 600) + ",\"name\":5,\"preferred_username\":[\"x\"],\"picture\":{\"a\":1}}");
        given().header("Authorization", "Bearer " + token).when().get("/v1/orgs").then().statusCode(200)
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void noHeaderIs401() {
        assert401(null);
    }

    @Test
    void garbageIs401() {
        assert401("Bearer not.a.jwt");
        assert401("Bearer " + "x".repeat(40));
        assert401("Basic dXNlcjpwYXNz");
        assert401("Token nonsense");
    }

    @Test
    void algNoneIs401() {
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + b64("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"mallory\",\"exp\":" + exp + "}") + ".";
        assert401("Bearer " + unsigned);
    }

    @Test
    void hs256SignedWithThePublicKeyIs401() throws Exception {
        String publicPem = new String(getClass().getClassLoader().getResourceAsStream("jwt/publicKey.pem").readAllBytes(),
                StandardCharsets.UTF_8);
        String forged = Jwt.issuer(TestTokens.ISSUER).subject("mallory").expiresIn(600)
                .jws().algorithm(SignatureAlgorithm.HS256)
                .signWithSecret(publicPem);
        assert401("Bearer " + forged);
    }

    @Test
    void tokenSignedWithAnotherKeyIs401() throws Exception {
        String otherKey = new String(getClass().getClassLoader().getResourceAsStream("jwt/otherPrivateKey.pem").readAllBytes(),
                StandardCharsets.UTF_8);
        String token = TestTokens.user().claims().sign(KeyUtils.decodePrivateKey(otherKey));
        assert401("Bearer " + token);
    }

    @Test
    void expiredTokenIs401() {
        String token = TestTokens.user().claims().issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(600)).sign(TestTokens.PRIVATE_KEY);
        assert401("Bearer " + token);
    }

    @Test
    void aTokenExpiredFiveSecondsAgoIs401WithNoClockSkew() {
        UUID org = Fixtures.organisation();
        TestTokens user = TestTokens.user().role(org, "viewer");
        String expired = user.claims().issuedAt(Instant.now().minusSeconds(300))
                .expiresAt(Instant.now().minusSeconds(5)).sign(TestTokens.PRIVATE_KEY);
        assert401("Bearer " + expired);
        given().header("Authorization", "Bearer " + expired).when().get("/v1/orgs/" + org).then().statusCode(401);
        // The same claims unexpired get in: it is exp alone that refuses the first.
        given().header("Authorization", user.bearer()).when().get("/v1/orgs/" + org).then().statusCode(200);
    }

    @Test
    void wrongIssuerIs401() {
        String token = TestTokens.user().claims().issuer("https://evil.example").sign(TestTokens.PRIVATE_KEY);
        assert401("Bearer " + token);
    }

    @Test
    void tamperedPayloadIs401() {
        UUID org = Fixtures.organisation();
        String[] parts = TestTokens.user().role(org, "viewer").jwt().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"viewer\"", "\"owner\"");
        assert401("Bearer " + parts[0] + "." + b64(payload) + "." + parts[2]);
    }

    /** Verified tokens are cached (VerifiedTokens): a cached token's neighbours are still refused. */
    @Test
    void aTokenAcceptedBeforeDoesNotLetItsTamperedCopiesIn() throws Exception {
        UUID org = Fixtures.organisation();
        String token = TestTokens.user().role(org, "viewer").jwt();
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + token).when().get("/v1/orgs/" + org).then().statusCode(200);
        }
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"viewer\"", "\"owner\"");
        assert401("Bearer " + parts[0] + "." + b64(payload) + "." + parts[2]);
        String otherKey = new String(getClass().getClassLoader().getResourceAsStream("jwt/otherPrivateKey.pem").readAllBytes(),
                StandardCharsets.UTF_8);
        String[] forged = TestTokens.user().role(org, "viewer").claims().sign(KeyUtils.decodePrivateKey(otherKey)).split("\\.");
        assert401("Bearer " + parts[0] + "." + parts[1] + "." + forged[2]);
        assert401("Bearer " + parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2));
        given().header("Authorization", "Bearer " + token).when().get("/v1/orgs/" + org).then().statusCode(200);
    }

    @Test
    void orgsClaimDrivesPermissions() {
        UUID org = Fixtures.organisation();
        // A permission list instead of a role.
        given().header("Authorization", TestTokens.user().permissions(org, "org.read").bearer())
                .when().get("/v1/orgs/" + org).then().statusCode(200);
        given().header("Authorization", TestTokens.user().permissions(org, "org.integration.read").bearer())
                .when().get("/v1/orgs/" + org).then().statusCode(403);
        // Unknown role names grant nothing: the caller has no role, so the org does not exist for them.
        given().header("Authorization", TestTokens.user().role(org, "superuser").bearer())
                .when().get("/v1/orgs/" + org).then().statusCode(404);
        // The org list shows exactly the caller's organisations.
        UUID other = Fixtures.organisation();
        given().header("Authorization", TestTokens.user().role(org, "viewer").role(other, "member").bearer())
                .when().get("/v1/orgs").then().statusCode(200)
                .body("data.id", containsInAnyOrder(org.toString(), other.toString()));
    }

    @Test
    void platformAdminComesOnlyFromGroupsClaim() {
        given().header("Authorization", TestTokens.user().bearer()).contentType("application/json")
                .body(Map.of("name", "nope")).when().post("/v1/groups").then().statusCode(403);
        given().header("Authorization", TestTokens.platformAdmin()).contentType("application/json")
                .body(Map.of("name", "yes")).when().post("/v1/groups").then().statusCode(201);
    }
}
