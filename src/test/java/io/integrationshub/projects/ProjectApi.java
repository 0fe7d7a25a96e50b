package io.integrationshub.projects;

import io.integrationshub.support.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/** Calls of the projects API shared by the project tests. */
final class ProjectApi {
    static final String BASE58_ID = "3mJr7AoUXx2Wqd8kF4vMzN";
    static final String UUID_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    static final String HEX_ID = "0f8fad5bd9cb469fa16570867728950e";

    private ProjectApi() {
    }

    static String projects(UUID org) {
        return "/v1/orgs/" + org + "/projects";
    }

    static String project(String id) {
        return "/v1/projects/" + id;
    }

    static String collaborators(String projectId) {
        return "/v1/projects/" + projectId + "/collaborators";
    }

    static Map<String, Object> body(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        return body;
    }

    static String create(UUID org, String token, String name) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body(name))
                .when().post(projects(org)).then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse addCollaborators(String token, String projectId, String role, String... memberIds) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("member_ids", List.of(memberIds), "role", role))
                .when().post(collaborators(projectId)).then();
    }

    /** A user with no role in any organisation: what they see comes from collaborations alone. */
    static TestTokens outsider() {
        return TestTokens.user();
    }

    /** Polls until the condition holds (jobs run in the background), failing after 20 s. */
    static void eventually(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
