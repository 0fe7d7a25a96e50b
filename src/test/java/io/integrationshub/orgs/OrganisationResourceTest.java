package io.integrationshub.orgs;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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

    @Test
    void organisationCreationHonoursIdempotencyKeys() {
        UUID group = Fixtures.group();
        String admin = TestTokens.platformAdmin();
        String key = UUID.randomUUID().toString();
        String first = given().header("Authorization", admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("name", "Once Ltd", "group_id", group.toString()))
                .when().post("/v1/orgs").then().statusCode(201).header("ETag", "\"1\"").extract().path("id");
        given().header("Authorization", admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("name", "Once Ltd", "group_id", group.toString()))
                .when().post("/v1/orgs").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        given().header("Authorization", admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("name", "Twice Ltd", "group_id", group.toString()))
                .when().post("/v1/orgs").then().statusCode(409);
        // A replay is not a way around authorisation.
        given().header("Authorization", TestTokens.user().bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("name", "Once Ltd", "group_id", group.toString()))
                .when().post("/v1/orgs").then().statusCode(403);
    }

    @Test
    void anEmptyOrOverlongIdempotencyKeyIs400() {
        UUID group = Fixtures.group();
        String admin = TestTokens.platformAdmin();
        for (String key : new String[] {"", "   ", "k".repeat(256)}) {
            given().header("Authorization", admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body(Map.of("name", "Keyless Ltd", "group_id", group.toString()))
                    .when().post("/v1/orgs").then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("bad_input")).body("errors[0].header", equalTo("Idempotency-Key"));
        }
    }

    @Test
    void unknownGroupIs400AndNonAdminsCannotCreate() {
        given().header("Authorization", TestTokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Orphan", "group_id", UUID.randomUUID().toString()))
                .when().post("/v1/orgs")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/group_id"));
        given().header("Authorization", TestTokens.user().bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "Nope", "group_id", Fixtures.group().toString()))
                .when().post("/v1/orgs").then().statusCode(403);
    }

    @Test
    void groupIsVisibleToAdminsAndMembersOnly() {
        UUID group = Fixtures.group();
        UUID org = Fixtures.organisation(group);
        given().header("Authorization", TestTokens.platformAdmin()).when().get("/v1/groups/" + group)
                .then().statusCode(200).body("id", equalTo(group.toString()));
        given().header("Authorization", Fixtures.as(org, "viewer")).when().get("/v1/groups/" + group)
                .then().statusCode(200);
        given().header("Authorization", TestTokens.user().bearer()).when().get("/v1/groups/" + group)
                .then().statusCode(404);
    }

    @Test
    void patchChangesOnlyGivenFieldsAndBumpsVersion() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("profile", Map.of("bio", "hello", "twitter", "acme")))
                .when().patch("/v1/orgs/" + org)
                .then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2))
                .body("profile.bio", equalTo("hello")).body("profile.twitter", equalTo("acme"));
        Map<String, Object> clearBio = new HashMap<>();
        clearBio.put("bio", null);
        String name = given().header("Authorization", admin).header("If-Match", "\"2\"").contentType(ContentType.JSON)
                .body(Map.of("name", "Renamed", "profile", clearBio))
                .when().patch("/v1/orgs/" + org)
                .then().statusCode(200).header("ETag", "\"3\"")
                .body("profile.bio", nullValue()).body("profile.twitter", equalTo("acme"))
                .extract().path("name");
        assertThat(name).isEqualTo("Renamed");
        given().header("Authorization", Fixtures.as(org, "viewer")).when().get("/v1/orgs/" + org)
                .then().statusCode(200).header("ETag", "\"3\"").body("name", equalTo("Renamed"));
        // The audit log recorded both changes with a diff, and filters by actor.
        given().header("Authorization", admin).queryParam("target_id", "abc")
                .when().get("/v1/orgs/" + org + "/audit-events").then().statusCode(400)
                .body("errors[0].parameter", equalTo("target_id"));
        given().header("Authorization", admin).queryParam("actor_id", "nobody")
                .when().get("/v1/orgs/" + org + "/audit-events").then().statusCode(200).body("data", empty());
        given().header("Authorization", admin).queryParam("action", "organisation.updated")
                .when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200).body("data", hasSize(2))
                .body("data[1].changes.name.from", startsWith("org "))
                .body("data[1].changes.name.to", equalTo("Renamed"));
    }

    @Test
    void patchValidatesProfileFields() {
        UUID org = Fixtures.organisation();
        given().header("Authorization", Fixtures.as(org, "owner")).contentType(ContentType.JSON)
                .body(Map.of("profile", Map.of("shoe_size", "44", "website", "nope")))
                .when().patch("/v1/orgs/" + org)
                .then().statusCode(400).body("errors.pointer", hasItems("/profile/shoe_size", "/profile/website"));
        given().header("Authorization", Fixtures.as(org, "owner")).contentType(ContentType.JSON)
                .body(Map.of("name", ""))
                .when().patch("/v1/orgs/" + org)
                .then().statusCode(400).body("errors[0].pointer", equalTo("/name"));
        // null is not a way to leave a member unchanged (omit it) nor to remove a required one.
        for (String member : new String[] {"name", "profile"}) {
            given().header("Authorization", Fixtures.as(org, "owner")).contentType(ContentType.JSON)
                    .body("{\"" + member + "\": null}")
                    .when().patch("/v1/orgs/" + org)
                    .then().statusCode(400).body("errors[0].pointer", equalTo("/" + member));
        }
        given().header("Authorization", Fixtures.as(org, "owner")).contentType(ContentType.JSON)
                .body(Map.of("version", 9))
                .when().patch("/v1/orgs/" + org)
                .then().statusCode(400).body("errors[0].pointer", equalTo("/version"))
                .body("errors[0].detail", equalTo("is read-only"));
    }

    @Test
    void concurrentPatchesWithOneIfMatchLetExactlyOneWin() throws Exception {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 4; i++) {
                String newName = "racer " + i;
                futures.add(pool.submit(() -> given().header("Authorization", admin).header("If-Match", "\"1\"")
                        .contentType(ContentType.JSON).body(Map.of("name", newName))
                        .when().patch("/v1/orgs/" + org).then().extract().statusCode()));
            }
            var statuses = new java.util.ArrayList<Integer>();
            for (var f : futures) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 412);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        given().header("Authorization", admin).when().get("/v1/orgs/" + org).then().body("version", equalTo(2));
    }
}
