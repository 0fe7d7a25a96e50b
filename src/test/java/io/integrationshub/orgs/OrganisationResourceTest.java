package io.integrationshub.orgs;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
public class OrganisationResourceTest {

    @Test
    void platformAdminCreatesGroupAndOrganisation() {
        UUID group = Fixtures.group();
        given().header("Authorization", TestTokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Acme", "group_id", group.toString(), "profile", Map.of("bio", "we build", "website", "https://acme.example")))
                .when().post("/v1/orgs")
                .then().statusCode(201)
                .header("Location", containsString("/v1/orgs/"))
                .header("ETag", "\"1\"")
                .body("name", equalTo("Acme"))
                .body("group_id", equalTo(group.toString()))
                .body("profile.bio", equalTo("we build"))
                .body("profile.github", nullValue())
                .body("version", equalTo(1))
                .body("created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }
}
