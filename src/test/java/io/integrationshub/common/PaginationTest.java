package io.integrationshub.common;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** Keyset pagination (API.md 1.2), exercised on the API token list of one organisation. */
@QuarkusTest
public class PaginationTest {

    private static String token(UUID org, String admin, String name) {
        return given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", name, "role", "viewer"))
                .when().post("/v1/orgs/" + org + "/api-tokens").then().statusCode(201).extract().path("id");
    }

    private static io.restassured.response.Response page(UUID org, String admin, Map<String, ?> query) {
        return given().header("Authorization", admin).queryParams(query)
                .when().get("/v1/orgs/" + org + "/api-tokens").then().statusCode(200).extract().response();
    }

    @Test
    void walksForwardAndBackwardWithoutGapsOrDuplicates() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(token(org, admin, "t" + i));
        }
        var first = page(org, admin, Map.of("limit", 3));
        assertThat(first.<List<String>>path("data.id")).containsExactlyElementsOf(created.subList(0, 3));
        assertThat(first.<Boolean>path("has_more")).isTrue();
        assertThat(first.<String>path("prev_cursor")).isNull();

        var second = page(org, admin, Map.of("limit", 3, "cursor", first.<String>path("next_cursor")));
        assertThat(second.<List<String>>path("data.id")).containsExactlyElementsOf(created.subList(3, 6));

        // A row inserted while paging appears at the end without disturbing the pages already seen.
        String late = token(org, admin, "late");
        var third = page(org, admin, Map.of("limit", 3, "cursor", second.<String>path("next_cursor")));
        assertThat(third.<List<String>>path("data.id")).containsExactly(created.get(6), late);
        assertThat(third.<Boolean>path("has_more")).isFalse();
        assertThat(third.<String>path("next_cursor")).isNull();

        var back = page(org, admin, Map.of("limit", 3, "cursor", third.<String>path("prev_cursor")));
        assertThat(back.<List<String>>path("data.id")).containsExactlyElementsOf(created.subList(3, 6));
        var backAgain = page(org, admin, Map.of("limit", 3, "cursor", back.<String>path("prev_cursor")));
        assertThat(backAgain.<List<String>>path("data.id")).containsExactlyElementsOf(created.subList(0, 3));
        // Page 1 reads the same however it was reached.
        assertThat(backAgain.<Boolean>path("has_more")).isTrue();
        assertThat(backAgain.<String>path("prev_cursor")).isNull();
        assertThat(backAgain.<String>path("next_cursor")).isNotNull();
    }

    @Test
    void descendingSortAndCursorsBoundToTheirList() throws Exception {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            created.add(token(org, admin, "d" + i));
        }
        var desc = page(org, admin, Map.of("limit", 2, "sort", "-created_at"));
        assertThat(desc.<List<String>>path("data.id")).containsExactly(created.get(3), created.get(2));
        var descNext = page(org, admin, Map.of("limit", 2, "sort", "-created_at", "cursor", desc.<String>path("next_cursor")));
        assertThat(descNext.<List<String>>path("data.id")).containsExactly(created.get(1), created.get(0));

        // The same cursor with another sort, or on another list, is refused.
        given().header("Authorization", admin).queryParam("cursor", (String) desc.path("next_cursor"))
                .when().get("/v1/orgs/" + org + "/api-tokens")
                .then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
        UUID other = Fixtures.organisation();
        given().header("Authorization", Fixtures.as(other, "admin")).queryParam("cursor", (String) desc.path("next_cursor"))
                .queryParam("sort", "-created_at")
                .when().get("/v1/orgs/" + other + "/api-tokens")
                .then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
        // A cursor edited to a time beyond PostgreSQL's range (it would wrap around to another page) is refused.
        String issued = desc.path("next_cursor");
        var decoded = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.util.Base64.getUrlDecoder().decode(issued));
        for (String farAway : new String[] {"+999999999-12-31T23:59:59.999Z", "-999999999-01-01T00:00:00Z"}) {
            decoded.put("t", farAway);
            String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(decoded.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            given().header("Authorization", admin).queryParam("cursor", forged).queryParam("sort", "-created_at")
                    .when().get("/v1/orgs/" + org + "/api-tokens")
                    .then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
        }
        // Filters bind too: an audit cursor taken with one action filter is refused with another.
        String auditCursor = given().header("Authorization", admin).queryParam("limit", 1)
                .queryParam("action", "api_token.created")
                .when().get("/v1/orgs/" + org + "/audit-events").then().statusCode(200).extract().path("next_cursor");
        given().header("Authorization", admin).queryParam("cursor", auditCursor).queryParam("action", "api_token.revoked")
                .when().get("/v1/orgs/" + org + "/audit-events").then().statusCode(400)
                .body("errors[0].parameter", equalTo("cursor"));
    }

    @Test
    void limitBoundsAreInclusive() {
        String token = TestTokens.user().bearer();
        given().header("Authorization", token).queryParam("limit", 1).when().get("/v1/orgs").then().statusCode(200);
        given().header("Authorization", token).queryParam("limit", 240).when().get("/v1/orgs").then().statusCode(200)
                .body("data", empty());
    }
}
