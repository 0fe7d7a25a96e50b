package io.integrationshub.support;

import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Creates tenants through the API itself, each test with its own group and organisations. */
public final class Fixtures {
    private Fixtures() {
    }

    public static UUID group() {
        String id = given().header("Authorization", TestTokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "group " + UUID.randomUUID()))
                .when().post("/v1/groups")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static UUID organisation(UUID group) {
        String id = given().header("Authorization", TestTokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "org " + UUID.randomUUID(), "group_id", group.toString()))
                .when().post("/v1/orgs")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static UUID organisation() {
        return organisation(group());
    }

    /** A bearer token for a fresh user holding {@code role} in {@code org}. */
    public static String as(UUID org, String role) {
        return TestTokens.user().role(org, role).bearer();
    }
}
