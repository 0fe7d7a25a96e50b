package io.integrationshub.projects;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.integrationshub.projects.ProjectApi.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** Collaborators (API.md 9): add all or none, roles, the last-owner rule (also concurrently), profiles from claims. */
@QuarkusTest
public class CollaboratorResourceTest {

    @Test
    void addIsAllOrNoneAndListsFilterByRoleInPages() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = create(org, admin, "team");
        String a = "member-a-" + UUID.randomUUID();
        String b = "member-b-" + UUID.randomUUID();
        String c = "member-c-" + UUID.randomUUID();
        addCollaborators(admin, id, "contributor", a, b).statusCode(201)
                .body("data.account_id", contains(a, b))
                .body("data.role", everyItem(equalTo("contributor")))
                .body("data[0].project_id", equalTo(id))
                .body("data[0].name", nullValue())
                .body("data[0].created_at", notNullValue());
        // One already present: 409 naming it, and c is not added either.
        addCollaborators(admin, id, "viewer", c, b).statusCode(409).body("code", equalTo("conflict"))
                .body("detail", containsString(b)).body("detail", not(containsString(c)));
        given().header("Authorization", admin).when().get(collaborators(id) + "/" + c).then().statusCode(404);
        given().header("Authorization", admin).when().get(collaborators(id))
                .then().statusCode(200).body("data", hasSize(3));
        given().header("Authorization", admin).queryParam("role", "contributor").when().get(collaborators(id))
                .then().statusCode(200).body("data.account_id", contains(a, b));
        given().header("Authorization", admin).queryParam("role", "owner").when().get(collaborators(id))
                .then().statusCode(200).body("data", hasSize(1));
        String next = given().header("Authorization", admin).queryParam("role", "contributor").queryParam("limit", 1)
                .when().get(collaborators(id))
                .then().statusCode(200).body("data.account_id", contains(a)).body("has_more", equalTo(true))
                .extract().path("next_cursor");
        given().header("Authorization", admin).queryParam("role", "contributor").queryParam("limit", 1).queryParam("cursor", next)
                .when().get(collaborators(id))
                .then().statusCode(200).body("data.account_id", contains(b)).body("has_more", equalTo(false));
        // The cursor is bound to the role filter.
        given().header("Authorization", admin).queryParam("role", "viewer").queryParam("cursor", next)
                .when().get(collaborators(id)).then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
        given().header("Authorization", admin).queryParam("role", "boss").when().get(collaborators(id))
                .then().statusCode(400).body("errors[0].parameter", equalTo("role"));
        given().header("Authorization", admin).when().get(collaborators(id) + "/" + a)
                .then().statusCode(200).body("account_id", equalTo(a)).body("role", equalTo("contributor"));
    }

    @Test
    void invalidAddBodiesAre400WithPointers() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = create(org, admin, "strict");
        List<Object[]> cases = List.of(
                new Object[] {Map.of("role", "viewer"), "/member_ids"},
                new Object[] {Map.of("member_ids", List.of("x")), "/role"},
                new Object[] {Map.of("member_ids", List.of(), "role", "viewer"), "/member_ids"},
                new Object[] {Map.of("member_ids", IntStream.range(0, 101).mapToObj(i -> "m" + i).toList(), "role", "viewer"), "/member_ids"},
                new Object[] {Map.of("member_ids", List.of("x", "x"), "role", "viewer"), "/member_ids/1"},
                new Object[] {Map.of("member_ids", List.of("ok", " "), "role", "viewer"), "/member_ids/1"},
                new Object[] {Map.of("member_ids", List.of("x".repeat(256)), "role", "viewer"), "/member_ids/0"},
                new Object[] {Map.of("member_ids", List.of("x"), "role", "admin"), "/role"},
                new Object[] {Map.of("member_ids", "x", "role", "viewer"), "/member_ids"},
                new Object[] {Map.of("member_ids", List.of("x"), "role", "viewer", "project_id", id), "/project_id"});
        for (Object[] c : cases) {
            given().header("Authorization", admin).contentType(ContentType.JSON).body(c[0])
                    .when().post(collaborators(id))
                    .then().statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem((String) c[1]));
        }
        given().header("Authorization", admin).when().get(collaborators(id)).then().body("data", hasSize(1));
        // 100 at once is fine.
        addCollaborators(admin, id, "viewer", IntStream.range(0, 100).mapToObj(i -> "bulk-" + i + "-" + id).toArray(String[]::new))
                .statusCode(201).body("data", hasSize(100));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("role", "root"))
                .when().patch(collaborators(id) + "/bulk-0-" + id).then().statusCode(400).body("errors[0].pointer", equalTo("/role"));
    }

    @Test
    void onlyOwnersAndOrganisationEditorsManageCollaborators() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = create(org, admin, "managed");
        TestTokens owner = outsider();
        TestTokens contributor = outsider();
        TestTokens viewer = outsider();
        addCollaborators(admin, id, "owner", owner.subject()).statusCode(201);
        addCollaborators(admin, id, "contributor", contributor.subject()).statusCode(201);
        addCollaborators(admin, id, "viewer", viewer.subject()).statusCode(201);
        addCollaborators(contributor.bearer(), id, "viewer", "new-" + UUID.randomUUID()).statusCode(403)
                .body("code", equalTo("forbidden"));
        addCollaborators(viewer.bearer(), id, "viewer", "new-" + UUID.randomUUID()).statusCode(403);
        given().header("Authorization", contributor.bearer()).contentType(ContentType.JSON).body(Map.of("role", "owner"))
                .when().patch(collaborators(id) + "/" + contributor.subject()).then().statusCode(403);
        given().header("Authorization", contributor.bearer()).when().delete(collaborators(id) + "/" + viewer.subject())
                .then().statusCode(403);
        given().header("Authorization", viewer.bearer()).when().get(collaborators(id)).then().statusCode(200).body("data", hasSize(4));
        // The owner does all of it.
        addCollaborators(owner.bearer(), id, "viewer", "new-" + UUID.randomUUID()).statusCode(201);
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(Map.of("role", "owner"))
                .when().patch(collaborators(id) + "/" + contributor.subject())
                .then().statusCode(200).body("role", equalTo("owner")).body("account_id", equalTo(contributor.subject()));
        given().header("Authorization", owner.bearer()).when().delete(collaborators(id) + "/" + viewer.subject())
                .then().statusCode(204);
        given().header("Authorization", owner.bearer()).when().delete(collaborators(id) + "/" + viewer.subject())
                .then().statusCode(404);
        given().header("Authorization", viewer.bearer()).when().get(project(id)).then().statusCode(404);
        given().header("Authorization", admin).queryParam("action", "collaborator.updated")
                .when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200).body("data", hasSize(1)).body("data[0].target.type", equalTo("collaborator"))
                .body("data[0].changes.role.from", equalTo("contributor")).body("data[0].changes.role.to", equalTo("owner"))
                // Only what changed: the account and the project did not.
                .body("data[0].changes.keySet()", contains("role"));
        given().header("Authorization", admin).queryParam("action", "collaborator.removed")
                .when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200).body("data", hasSize(1)).body("data[0].changes.account_id.from", equalTo(viewer.subject()));
    }

    @Test
    void theLastOwnerCannotBeRemovedOrDemoted() {
        UUID org = Fixtures.organisation();
        TestTokens creator = TestTokens.user().role(org, "member");
        String id = create(org, creator.bearer(), "owned");
        String self = collaborators(id) + "/" + creator.subject();
        given().header("Authorization", creator.bearer()).when().delete(self)
                .then().statusCode(409).body("code", equalTo("conflict")).body("detail", containsString("last owner"));
        given().header("Authorization", creator.bearer()).contentType(ContentType.JSON).body(Map.of("role", "viewer"))
                .when().patch(self).then().statusCode(409);
        given().header("Authorization", creator.bearer()).contentType(ContentType.JSON).body(Map.of("role", "owner"))
                .when().patch(self).then().statusCode(200).body("role", equalTo("owner"));
        String second = "second-" + UUID.randomUUID();
        addCollaborators(creator.bearer(), id, "owner", second).statusCode(201);
        given().header("Authorization", creator.bearer()).contentType(ContentType.JSON).body(Map.of("role", "viewer"))
                .when().patch(self).then().statusCode(200).body("role", equalTo("viewer"));
        given().header("Authorization", creator.bearer()).when().delete(collaborators(id) + "/" + second).then().statusCode(409);
        given().header("Authorization", creator.bearer()).queryParam("role", "owner").when().get(collaborators(id))
                .then().statusCode(200).body("data.account_id", contains(second));
    }

    @Test
    void twoOwnersRemovingEachOtherAtOnceLeaveOne() throws Exception {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        var pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String id = create(org, admin, "race " + round);
                TestTokens a = outsider();
                TestTokens b = outsider();
                addCollaborators(admin, id, "owner", a.subject(), b.subject()).statusCode(201);
                // The admin who created it steps back: a and b are the only owners.
                given().header("Authorization", admin).when().get(collaborators(id) + "?role=owner")
                        .then().body("data", hasSize(3));
                String creator = given().header("Authorization", admin).queryParam("role", "owner").queryParam("limit", 1)
                        .when().get(collaborators(id)).then().extract().path("data[0].account_id");
                given().header("Authorization", admin).when().delete(collaborators(id) + "/" + creator).then().statusCode(204);

                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (TestTokens[] pair : List.of(new TestTokens[] {a, b}, new TestTokens[] {b, a})) {
                    String token = pair[0].bearer();
                    String target = collaborators(id) + "/" + pair[1].subject();
                    results.add(pool.submit(() -> {
                        start.await();
                        return given().header("Authorization", token).when().delete(target).then().extract().statusCode();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : results) {
                    statuses.add(f.get());
                }
                // One removal wins; the other meets the last-owner rule (409), or, if it arrived after losing
                // its own membership, is no longer allowed at all (404).
                assertThat(statuses).containsOnlyOnce(204);
                assertThat(statuses).containsAnyOf(409, 404);
                given().header("Authorization", admin).queryParam("role", "owner").when().get(collaborators(id))
                        .then().statusCode(200).body("data", hasSize(1));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneManagerRemovingBothOwnersAtOnceGetsOne409() throws Exception {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = create(org, admin, "double removal");
        String creator = given().header("Authorization", admin).when().get(collaborators(id))
                .then().extract().path("data[0].account_id");
        String other = "other-" + UUID.randomUUID();
        addCollaborators(admin, id, "owner", other).statusCode(201);
        var pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (String target : List.of(creator, other)) {
                results.add(pool.submit(() -> {
                    start.await();
                    return given().header("Authorization", admin).when().delete(collaborators(id) + "/" + target)
                            .then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(204, 409);
            given().header("Authorization", admin).queryParam("role", "owner").when().get(collaborators(id))
                    .then().statusCode(200).body("data", hasSize(1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void profilesComeFromTheMembersOwnClaimsWhenTheyCall() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = create(org, admin, "faces");
        TestTokens member = outsider();
        addCollaborators(admin, id, "viewer", member.subject()).statusCode(201).body("data[0].name", nullValue());
        String path = collaborators(id) + "/" + member.subject();
        given().header("Authorization", admin).when().get(path)
                .then().body("name", nullValue()).body("display_name", nullValue()).body("avatar", nullValue());

        String first = "Bearer " + member.claims().claim("name", "Grace Hopper").claim("preferred_username", "grace")
                .claim("picture", "https://example.com/grace.png").sign(TestTokens.PRIVATE_KEY);
        given().header("Authorization", first).when().get(project(id)).then().statusCode(200);
        given().header("Authorization", admin).when().get(path)
                .then().statusCode(200).body("name", equalTo("Grace Hopper")).body("display_name", equalTo("grace"))
                .body("avatar", equalTo("https://example.com/grace.png"));

        // Changed claims are picked up on the next call; a claim left out clears its field.
        String second = "Bearer " + member.claims().claim("name", "Rear Admiral Hopper").claim("preferred_username", "grace")
                .sign(TestTokens.PRIVATE_KEY);
        given().header("Authorization", second).when().get("/v1/providers").then().statusCode(200);
        given().header("Authorization", admin).when().get(path)
                .then().body("name", equalTo("Rear Admiral Hopper")).body("avatar", nullValue());

        // A member seen before being added to another project brings their profile along.
        String other = create(org, admin, "more faces");
        addCollaborators(admin, other, "viewer", member.subject()).statusCode(201)
                .body("data[0].name", equalTo("Rear Admiral Hopper")).body("data[0].display_name", equalTo("grace"));
    }

    @Test
    void collaboratorPathsOfUnknownProjectsAndMembersAre404() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = create(org, admin, "paths");
        String unknown = UUID.randomUUID().toString();
        given().header("Authorization", admin).when().get(collaborators(unknown)).then().statusCode(404);
        addCollaborators(admin, unknown, "viewer", "x").statusCode(404);
        given().header("Authorization", admin).when().get(collaborators(id) + "/nobody").then().statusCode(404);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("role", "viewer"))
                .when().patch(collaborators(id) + "/nobody").then().statusCode(404);
        given().header("Authorization", admin).when().delete(collaborators(id) + "/nobody").then().statusCode(404);
        given().header("Authorization", Fixtures.as(Fixtures.organisation(), "admin")).when().get(collaborators(id))
                .then().statusCode(404);
    }

    @Test
    void changesAndRemovalsHonourIfMatchWhichOnlyStarSatisfiesSinceCollaboratorsCarryNoVersion() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = create(org, admin, "conditional");
        String carl = "carl-" + UUID.randomUUID();
        addCollaborators(admin, id, "viewer", carl).statusCode(201);
        String path = collaborators(id) + "/" + carl;
        given().header("Authorization", admin).when().get(path).then().statusCode(200).header("ETag", nullValue());
        for (String stale : List.of("\"99\"", "\"1\"", "W/\"1\"")) {
            given().header("Authorization", admin).header("If-Match", stale).contentType(ContentType.JSON)
                    .body(Map.of("role", "contributor"))
                    .when().patch(path).then().statusCode(412).body("code", equalTo("precondition_failed"));
            given().header("Authorization", admin).header("If-Match", stale).when().delete(path)
                    .then().statusCode(412).body("code", equalTo("precondition_failed"));
        }
        given().header("Authorization", admin).header("If-Match", "nonsense").when().delete(path)
                .then().statusCode(400).body("errors[0].header", equalTo("If-Match"));
        given().header("Authorization", admin).when().get(path).then().statusCode(200).body("role", equalTo("viewer"));
        // 404 before 412 for an unknown member; "*" applies to an existing one.
        given().header("Authorization", admin).header("If-Match", "\"99\"").when().delete(collaborators(id) + "/nobody")
                .then().statusCode(404);
        given().header("Authorization", admin).header("If-Match", "*").contentType(ContentType.JSON)
                .body(Map.of("role", "contributor"))
                .when().patch(path).then().statusCode(200).body("role", equalTo("contributor"));
        given().header("Authorization", admin).header("If-Match", "*").when().delete(path).then().statusCode(204);
        given().header("Authorization", admin).when().get(path).then().statusCode(404);
    }
}
