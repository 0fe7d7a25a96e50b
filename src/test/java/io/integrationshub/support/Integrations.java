package io.integrationshub.support;

import io.restassured.http.ContentType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Request bodies and shortcuts for integration tests. */
public final class Integrations {
    private Integrations() {
    }

    public static Map<String, Object> github(String profileName, String token) {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", "github");
        body.put("profile_name", profileName);
        body.put("configuration", Map.of("enabled_repos", List.of(
                Map.of("hostname", "github.com", "github_org_name", "acme", "repo_name", "api"))));
        body.put("credentials", Map.of("token", token));
        return body;
    }

    public static String create(UUID org, String auth, Map<String, Object> body) {
        return given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .when().post("/v1/orgs/" + org + "/integrations")
                .then().statusCode(201).extract().path("id");
    }

    public static String secret(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }
}
