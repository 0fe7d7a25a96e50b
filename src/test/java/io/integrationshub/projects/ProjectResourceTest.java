package io.integrationshub.projects;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.integrationshub.projects.ProjectApi.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Projects (API.md 9): CRUD, validation, visibility, cloud connection and the disconnect job, audit. */
@QuarkusTest
public class ProjectResourceTest {

    @Test
    void createAnswers201WithLocationEtagAndTheCreatorAsOwner() {
        UUID org = Fixtures.organisation();
        TestTokens creator = TestTokens.user().role(org, "member");
        String token = "Bearer " + creator.claims().claim("name", "Ada Lovelace").claim("preferred_username", "ada")
                .claim("picture", "https://example.com/ada.png").sign(TestTokens.PRIVATE_KEY);
        Map<String, Object> body = body("  Apollo ");
        body.put("description", "moon shots");
        body.put("icon", "emoji:rocket");
        body.put("repo_id", BASE58_ID);
        body.put("default_environment_id", UUID_ID);
        String id = given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .when().post(projects(org))
                .then().statusCode(201)
                .header("Location", containsString("/v1/projects/"))
                .header("ETag", "\"1\"")
                .body("organisation_id", equalTo(org.toString()))
                .body("name", equalTo("Apollo"))
                .body("description", equalTo("moon shots"))
                .body("icon", equalTo("emoji:rocket"))
                .body("repo_id", equalTo(BASE58_ID))
                .body("default_environment_id", equalTo(UUID_ID))
                .body("cloud_connection", equalTo("disconnected"))
                .body("version", equalTo(1))
                .body("created_at", matchesPattern("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"))
                .body("updated_at", notNullValue())
                .extract().path("id");
        given().header("Authorization", token).contentType(ContentType.JSON).body(body("located"))
                .when().post(projects(org)).then().statusCode(201)
                .header("Location", matchesPattern("^https?://[^/]+/v1/projects/[0-9a-f-]{36}$"));
        given().header("Authorization", Fixtures.as(org, "viewer")).when().get(project(id))
                .then().statusCode(200).header("ETag", "\"1\"").body("id", equalTo(id)).body("name", equalTo("Apollo"));
        given().header("Authorization", Fixtures.as(org, "viewer")).when().get(collaborators(id))
                .then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].account_id", equalTo(creator.subject()))
                .body("data[0].project_id", equalTo(id))
                .body("data[0].role", equalTo("owner"))
                .body("data[0].name", equalTo("Ada Lovelace"))
                .body("data[0].display_name", equalTo("ada"))
                .body("data[0].avatar", equalTo("https://example.com/ada.png"));
        given().header("Authorization", Fixtures.as(org, "admin")).queryParam("target_id", id)
                .when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200).body("data.action", contains("project.created"))
                .body("data[0].target.type", equalTo("project"))
                .body("data[0].actor.id", equalTo(creator.subject()))
                .body("data[0].changes.name.to", equalTo("Apollo"));
        given().header("Authorization", Fixtures.as(org, "admin")).queryParam("action", "collaborator.added")
                .when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200).body("data", hasSize(2)).body("data[0].target.type", equalTo("collaborator"))
                .body("data[0].changes.account_id.to", equalTo(creator.subject()))
                .body("data[0].changes.role.to", equalTo("owner"));
    }

    @Test
    void everyValidationRuleAnswers400WithItsPointerAndStoresNothing() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        List<Object[]> each = List.of(
                new Object[] {Map.of("description", "no name"), "/name"},
                new Object[] {Map.of("name", "   "), "/name"},
                new Object[] {Map.of("name", "x".repeat(101)), "/name"},
                new Object[] {Map.of("name", 42), "/name"},
                new Object[] {Map.of("name", "ok", "description", "d".repeat(1001)), "/description"},
                new Object[] {Map.of("name", "ok", "icon", "rocket"), "/icon"},
                new Object[] {Map.of("name", "ok", "icon", "emoji:"), "/icon"},
                new Object[] {Map.of("name", "ok", "icon", "image:cat"), "/icon"},
                new Object[] {Map.of("name", "ok", "repo_id", "3mJr7AoUXx2Wqd8kF4vMz0"), "/repo_id"},
                new Object[] {Map.of("name", "ok", "repo_id", "3mJr7AoUXx2Wqd8kF4vMz"), "/repo_id"},
                new Object[] {Map.of("name", "ok", "repo_id", "0F8FAD5B-D9CB-469F-A165-70867728950E"), "/repo_id"},
                new Object[] {Map.of("name", "ok", "default_environment_id", "0f8fad5bd9cb469fa16570867728950"), "/default_environment_id"},
                new Object[] {Map.of("name", "ok", "organisation_id", UUID.randomUUID().toString()), "/organisation_id"});
        for (Object[] c : each) {
            given().header("Authorization", admin).contentType(ContentType.JSON).body(c[0])
                    .when().post(projects(org))
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.pointer", hasItem((String) c[1]));
        }
        // Several violations at once are all named.
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", "", "icon", "x", "repo_id", "y", "default_environment_id", "z"))
                .when().post(projects(org))
                .then().statusCode(400)
                .body("errors.pointer", hasItems("/name", "/icon", "/repo_id", "/default_environment_id"));
        given().header("Authorization", admin).contentType(ContentType.TEXT).body("name=x")
                .when().post(projects(org)).then().statusCode(415);
        given().header("Authorization", admin).when().get(projects(org)).then().statusCode(200).body("data", empty());
        // The edges of each rule are accepted.
        Map<String, Object> edges = body("n".repeat(100));
        edges.put("description", "d".repeat(1000));
        edges.put("icon", "url:https://example.com/i.png");
        given().header("Authorization", admin).contentType(ContentType.JSON).body(edges)
                .when().post(projects(org)).then().statusCode(201).body("description", hasLength(1000));
    }

    @Test
    void repoAndEnvironmentIdsTakeEachOfTheThreeForms() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        for (String form : List.of(BASE58_ID, UUID_ID, HEX_ID)) {
            Map<String, Object> body = body("forms " + form);
            body.put("repo_id", form);
            body.put("default_environment_id", form);
            given().header("Authorization", admin).contentType(ContentType.JSON).body(body)
                    .when().post(projects(org))
                    .then().statusCode(201).body("repo_id", equalTo(form)).body("default_environment_id", equalTo(form));
        }
    }

    @Test
    void putReplacesTheWholeProjectAndHonoursIfMatch() {
        UUID org = Fixtures.organisation();
        String editor = Fixtures.as(org, "member");
        Map<String, Object> full = body("full");
        full.put("description", "all set");
        full.put("icon", "icon:star");
        full.put("repo_id", HEX_ID);
        full.put("default_environment_id", BASE58_ID);
        String id = given().header("Authorization", editor).contentType(ContentType.JSON).body(full)
                .when().post(projects(org)).then().statusCode(201).extract().path("id");
        given().header("Authorization", editor).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("name", "renamed"))
                .when().put(project(id))
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("name", equalTo("renamed"))
                .body("description", nullValue()).body("icon", nullValue())
                .body("repo_id", nullValue()).body("default_environment_id", nullValue())
                .body("$", hasKey("description"))
                .body("version", equalTo(2));
        given().header("Authorization", editor).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("name", "stale"))
                .when().put(project(id))
                .then().statusCode(412).contentType("application/problem+json").body("code", equalTo("precondition_failed"));
        given().header("Authorization", editor).header("If-Match", "W/\"2\"").contentType(ContentType.JSON)
                .body(Map.of("name", "weak")).when().put(project(id)).then().statusCode(412);
        given().header("Authorization", editor).contentType(ContentType.JSON).body(Map.of("icon", "emoji:x"))
                .when().put(project(id)).then().statusCode(400).body("errors.pointer", hasItem("/name"));
        given().header("Authorization", editor).header("If-Match", "\"7\"").when().delete(project(id)).then().statusCode(412);
        given().header("Authorization", editor).when().get(project(id))
                .then().statusCode(200).header("ETag", "\"2\"").body("name", equalTo("renamed"));
        given().header("Authorization", Fixtures.as(org, "viewer")).contentType(ContentType.JSON)
                .body(Map.of("name", "viewer edit")).when().put(project(id)).then().statusCode(403);
        given().header("Authorization", Fixtures.as(org, "admin")).queryParam("action", "project.updated")
                .when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200).body("data", hasSize(1))
                .body("data[0].changes.name.from", equalTo("full")).body("data[0].changes.name.to", equalTo("renamed"))
                .body("data[0].changes.description.to", nullValue());
        given().header("Authorization", editor).header("If-Match", "\"2\"").when().delete(project(id)).then().statusCode(204);
    }

    @Test
    void aCollaboratorOnlyCallerSeesExactlyTheirProjects() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String viewed = create(org, admin, "viewed");
        String contributed = create(org, admin, "contributed");
        String hidden = create(org, admin, "hidden");
        TestTokens member = outsider();
        addCollaborators(admin, viewed, "viewer", member.subject()).statusCode(201);
        addCollaborators(admin, contributed, "contributor", member.subject()).statusCode(201);
        String token = member.bearer();

        given().header("Authorization", token).when().get(projects(org))
                .then().statusCode(200).body("data.id", contains(viewed, contributed));
        given().header("Authorization", token).queryParam("limit", 1).when().get(projects(org))
                .then().statusCode(200).body("data.id", contains(viewed)).body("has_more", equalTo(true));
        given().header("Authorization", token).when().get(project(hidden)).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", token).when().get(collaborators(hidden)).then().statusCode(404);
        given().header("Authorization", token).when().get(project(viewed)).then().statusCode(200);
        given().header("Authorization", token).contentType(ContentType.JSON).body(Map.of("name", "nope"))
                .when().put(project(viewed)).then().statusCode(403);
        given().header("Authorization", token).contentType(ContentType.JSON).body(Map.of("name", "contributed 2"))
                .when().put(project(contributed)).then().statusCode(200).body("name", equalTo("contributed 2"));
        // A contributor edits but does not manage collaborators.
        addCollaborators(token, contributed, "viewer", "someone-" + UUID.randomUUID()).statusCode(403);
        // Org-wide readers see everything.
        given().header("Authorization", Fixtures.as(org, "viewer")).when().get(projects(org))
                .then().statusCode(200).body("data.id", contains(viewed, contributed, hidden));
        // Another organisation is not theirs at all.
        UUID other = Fixtures.organisation();
        given().header("Authorization", token).when().get(projects(other)).then().statusCode(404);
    }

    @Test
    void organisationAndCollaboratorRolesCombineTheStrongerWins() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String mine = create(org, admin, "mine");
        String theirs = create(org, admin, "theirs");
        TestTokens viewer = TestTokens.user().role(org, "viewer");
        addCollaborators(admin, mine, "owner", viewer.subject()).statusCode(201);
        String token = viewer.bearer();
        given().header("Authorization", token).contentType(ContentType.JSON).body(Map.of("name", "mine 2"))
                .when().put(project(mine)).then().statusCode(200);
        addCollaborators(token, mine, "viewer", "guest-" + UUID.randomUUID()).statusCode(201);
        // On the other project only the organisation role counts: read, not edit.
        given().header("Authorization", token).when().get(project(theirs)).then().statusCode(200);
        given().header("Authorization", token).contentType(ContentType.JSON).body(Map.of("name", "theirs 2"))
                .when().put(project(theirs)).then().statusCode(403).body("code", equalTo("forbidden"));
        addCollaborators(token, theirs, "viewer", "guest-" + UUID.randomUUID()).statusCode(403);
        // An org member (org.project.edit) manages collaborators without being one.
        addCollaborators(Fixtures.as(org, "member"), theirs, "contributor", "guest-" + UUID.randomUUID()).statusCode(201);
        // Without org.project.read, a role in the organisation still makes the project visible: 403, not 404.
        String orgReader = TestTokens.user().permissions(org, "org.read").bearer();
        given().header("Authorization", orgReader).when().get(project(theirs)).then().statusCode(403);
        given().header("Authorization", orgReader).when().get(projects(org)).then().statusCode(200).body("data", empty());
    }

    @Test
    void anotherOrganisationsProjectIs404() {
        UUID org = Fixtures.organisation();
        UUID other = Fixtures.organisation();
        String id = create(other, Fixtures.as(other, "admin"), "elsewhere");
        String admin = Fixtures.as(org, "admin");
        given().header("Authorization", admin).when().get(project(id)).then().statusCode(404).body("code", equalTo("not_found"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .when().put(project(id)).then().statusCode(404);
        given().header("Authorization", admin).when().delete(project(id)).then().statusCode(404);
        given().header("Authorization", admin).when().post(project(id) + "/disconnect").then().statusCode(404);
        given().header("Authorization", admin).when().get(collaborators(id)).then().statusCode(404);
        given().header("Authorization", admin).when().get(projects(other)).then().statusCode(404);
        given().header("Authorization", admin).when().get(project(UUID.randomUUID().toString())).then().statusCode(404);
        given().header("Authorization", admin).when().get(project("not-a-uuid")).then().statusCode(400)
                .body("errors[0].parameter", equalTo("project_id"));
        given().when().get(project(id)).then().statusCode(401);
    }

    @Test
    void deleteTakesTheCollaboratorsAlong() {
        UUID org = Fixtures.organisation();
        String editor = Fixtures.as(org, "member");
        String id = create(org, editor, "doomed");
        TestTokens member = outsider();
        addCollaborators(editor, id, "contributor", member.subject()).statusCode(201);
        given().header("Authorization", member.bearer()).when().get(projects(org)).then().statusCode(200).body("data", hasSize(1));
        given().header("Authorization", Fixtures.as(org, "viewer")).when().delete(project(id)).then().statusCode(403);
        given().header("Authorization", editor).when().delete(project(id)).then().statusCode(204);
        given().header("Authorization", editor).when().get(project(id)).then().statusCode(404);
        given().header("Authorization", editor).when().get(collaborators(id)).then().statusCode(404);
        given().header("Authorization", editor).when().delete(project(id)).then().statusCode(404);
        // The member collaborates on nothing in this organisation any more.
        given().header("Authorization", member.bearer()).when().get(projects(org)).then().statusCode(404);
        given().header("Authorization", Fixtures.as(org, "admin")).queryParam("target_id", id)
                .when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200).body("data.action", hasItem("project.deleted"));
    }

    @Test
    void projectListsAreKeysetPages() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(org, admin, "p" + i));
        }
        var first = given().header("Authorization", admin).queryParam("limit", 2).when().get(projects(org))
                .then().statusCode(200).body("data.id", contains(ids.get(0), ids.get(1))).body("has_more", equalTo(true))
                .body("prev_cursor", nullValue()).extract();
        String next = first.path("next_cursor");
        var second = given().header("Authorization", admin).queryParam("limit", 2).queryParam("cursor", next)
                .when().get(projects(org))
                .then().statusCode(200).body("data.id", contains(ids.get(2), ids.get(3))).extract();
        given().header("Authorization", admin).queryParam("limit", 2).queryParam("cursor", (String) second.path("prev_cursor"))
                .when().get(projects(org)).then().statusCode(200).body("data.id", contains(ids.get(0), ids.get(1)));
        given().header("Authorization", admin).queryParam("sort", "-created_at").queryParam("limit", 240)
                .when().get(projects(org)).then().statusCode(200).body("data.id", contains(ids.get(4), ids.get(3), ids.get(2),
                        ids.get(1), ids.get(0))).body("has_more", equalTo(false));
        given().header("Authorization", admin).queryParam("limit", 241).when().get(projects(org))
                .then().statusCode(400).body("errors[0].parameter", equalTo("limit"));
        given().header("Authorization", admin).queryParam("limit", 0).when().get(projects(org)).then().statusCode(400);
        given().header("Authorization", admin).queryParam("cursor", "garbage").when().get(projects(org))
                .then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
        // A cursor of another list is refused.
        given().header("Authorization", admin).queryParam("cursor", next).when().get(collaborators(ids.get(0)))
                .then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
    }

    @Test
    void createIsIdempotentWithAKey() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String key = UUID.randomUUID().toString();
        String first = given().header("Authorization", admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body("once")).when().post(projects(org)).then().statusCode(201).extract().path("id");
        given().header("Authorization", admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body("once")).when().post(projects(org))
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        given().header("Authorization", admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body("twice")).when().post(projects(org)).then().statusCode(409);
        given().header("Authorization", admin).when().get(projects(org)).then().body("data", hasSize(1));
    }

    @Test
    void openApiDocumentsProjectsAndCollaborators() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/v1/orgs/{org_id}/projects"))
                .body("paths", hasKey("/v1/projects/{project_id}"))
                .body("paths", hasKey("/v1/projects/{project_id}/connect"))
                .body("paths", hasKey("/v1/projects/{project_id}/disconnect"))
                .body("paths", hasKey("/v1/projects/{project_id}/collaborators"))
                .body("paths", hasKey("/v1/projects/{project_id}/collaborators/{member_id}"))
                .body("paths.'/v1/projects/{project_id}'.put.responses", hasKey("412"))
                .body("paths.'/v1/projects/{project_id}/disconnect'.post.responses", allOf(hasKey("202"), hasKey("409")))
                .body("paths.'/v1/projects/{project_id}/collaborators/{member_id}'.delete.responses", allOf(hasKey("204"), hasKey("409")))
                .body("paths.'/v1/projects/{project_id}/collaborators/{member_id}'.get.parameters.find { it.name == 'member_id' }.schema.format",
                        nullValue())
                .body("components.schemas.Project.properties", allOf(hasKey("organisation_id"), hasKey("cloud_connection"), hasKey("default_environment_id"), hasKey("repo_id"), hasKey("version")))
                .body("components.schemas.Collaborator.properties", allOf(hasKey("account_id"), hasKey("project_id"), hasKey("display_name"), hasKey("avatar"), hasKey("role")))
                .body("components.schemas.ProjectWrite.properties.icon.pattern", equalTo(ProjectViews.ICON_PATTERN));
    }
}
