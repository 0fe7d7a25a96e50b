package io.integrationshub.broker;

import io.integrationshub.support.Integrations;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Shortcuts for broker tests: brokered integrations, heartbeats, provisional tokens, switches, audit. */
final class Brokers {
    /** brk_ + base64url (no padding) of 32 bytes. */
    static final String TOKEN_PATTERN = "^brk_[A-Za-z0-9_-]{43}$";

    private Brokers() {
    }

    record Brokered(String id, String token) {
    }

    static String base(UUID org) {
        return "/v1/orgs/" + org + "/integrations";
    }

    static Map<String, Object> brokeredGithub(String profileName) {
        Map<String, Object> body = Integrations.github(profileName, "unused");
        body.remove("credentials");
        body.put("broker", Map.of("enabled", true));
        return body;
    }

    static Brokered create(UUID org, String auth, String profileName) {
        Response response = given().header("Authorization", auth).contentType(ContentType.JSON)
                .body(brokeredGithub(profileName)).when().post(base(org)).then().statusCode(201).extract().response();
        return new Brokered(response.path("id"), response.path("broker_token"));
    }

    static Response heartbeat(String token) {
        return given().header("Authorization", "Broker " + token).header("User-Agent", "test-broker/1.2.3")
                .when().post("/v1/broker/connections").then().extract().response();
    }

    static List<String> heartbeatIds(String token) {
        Response response = heartbeat(token);
        if (response.statusCode() != 200) {
            throw new AssertionError("heartbeat answered " + response.statusCode() + ": " + response.asString());
        }
        return response.path("integrations.id");
    }

    static Response provision(UUID org, String auth, String id) {
        return given().header("Authorization", auth).when().post(base(org) + "/" + id + "/broker/provisional-token")
                .then().extract().response();
    }

    /** Requests the switch and waits (Prefer: wait) for the job to finish. */
    static Response switchAndWait(UUID org, String auth, String id) {
        return given().header("Authorization", auth).header("Prefer", "wait=20")
                .when().post(base(org) + "/" + id + "/broker/switch-token").then().extract().response();
    }

    static Response integration(UUID org, String auth, String id) {
        return given().header("Authorization", auth).when().get(base(org) + "/" + id).then().statusCode(200).extract().response();
    }

    static List<Map<String, Object>> audit(UUID org, String auth, String action) {
        return given().header("Authorization", auth).queryParam("action", action).queryParam("limit", 240)
                .when().get("/v1/orgs/" + org + "/audit-events").then().statusCode(200).extract().path("data");
    }
}
