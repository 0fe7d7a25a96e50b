package io.integrationshub.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Every operation of the served document is named, described, tagged and documents the 2xx it sends. */
@QuarkusTest
public class OpenApiOperationsTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> operations(Map<String, Object> paths) {
        List<Map<String, Object>> all = new ArrayList<>();
        // Test-only resources of this suite (under /test-*) are not part of the API.
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, operation) -> {
            if (path.startsWith("/v1/") && METHODS.contains(method)) {
                Map<String, Object> op = new java.util.HashMap<>((Map<String, Object>) operation);
                op.put("x-where", method.toUpperCase() + " " + path);
                all.add(op);
            }
        }));
        return all;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationHasAStableIdSummaryDescriptionTagAndSuccessResponse() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> operations = operations(doc.getMap("paths"));
        assertThat(operations).hasSizeGreaterThan(50);
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> op : operations) {
            String where = (String) op.get("x-where");
            assertThat((String) op.get("operationId")).as(where).matches("[a-z][A-Za-z]+");
            assertThat(ids.add((String) op.get("operationId"))).as("unique operationId at " + where).isTrue();
            assertThat((String) op.get("summary")).as(where).isNotBlank();
            assertThat((String) op.get("description")).as(where).isNotBlank();
            assertThat((List<String>) op.get("tags")).as(where).isNotEmpty();
            Map<String, Object> responses = (Map<String, Object>) op.get("responses");
            assertThat(responses.keySet()).as(where).anyMatch(code -> code.startsWith("2"));
        }
        assertThat(ids).contains("listIntegrations", "getIntegration", "createIntegration", "syncIntegration",
                "provisionBrokerToken", "cloneIntegration", "listOrganisationJobs", "publishProjectEvent");
    }

    @Test
    void successResponsesAreTheOnesSent() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        String integration = "paths.'/v1/orgs/{org_id}/integrations/{integration_id}";
        assertThat(doc.getMap(integration + "/credentials'.put.responses")).containsKey("200");
        assertThat(doc.getMap(integration + "/credentials'.put.responses.200.headers")).containsKey("ETag");
        assertThat(doc.getMap(integration + "/credentials'.delete.responses")).containsKey("204");
        assertThat(doc.getMap("paths.'/v1/orgs/{org_id}/integrations'.post.responses.201.headers"))
                .containsKeys("Location", "ETag");
        assertThat(doc.getMap(integration + "/sync'.post.responses")).containsKeys("200", "202");
        assertThat(doc.getMap("paths.'/v1/groups'.post.responses.201.headers")).containsKey("Location");
        // API.md 1.4-1.6: the headers beside the body.
        assertThat(doc.getMap("paths.'/v1/orgs/{org_id}/integrations'.post.responses.201.headers"))
                .containsKeys("X-Request-Id", "Idempotent-Replayed");
        assertThat(doc.getMap(integration + "/sync'.post.responses.202.headers")).containsKey("Preference-Applied");
        assertThat(doc.getMap("components.responses.NotFound.headers")).containsKey("X-Request-Id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyResponseDocumentsTheRequestIdHeader() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> shared = doc.getMap("components.responses");
        for (Map<String, Object> op : operations(doc.getMap("paths"))) {
            ((Map<String, Map<String, Object>>) op.get("responses")).forEach((status, response) -> {
                Map<String, Object> documented = response.containsKey("$ref")
                        ? (Map<String, Object>) shared.get(((String) response.get("$ref")).replace("#/components/responses/", ""))
                        : response;
                assertThat((Map<String, Object>) documented.get("headers")).as(op.get("x-where") + " " + status)
                        .containsKey("X-Request-Id");
            });
        }
    }
}
