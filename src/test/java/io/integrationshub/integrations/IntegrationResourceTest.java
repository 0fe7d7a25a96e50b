package io.integrationshub.integrations;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.Integrations;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.integrationshub.support.Integrations.github;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

@QuarkusTest
public class IntegrationResourceTest {

    private static String path(UUID org) {
        return "/v1/orgs/" + org + "/integrations";
    }

    @Test
    void createAnswers201WithLocationEtagAndNoSecret() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String token = Integrations.secret("ghp_");
        String id = given().header("Authorization", admin).contentType(ContentType.JSON).body(github("GitHub acme", token))
                .when().post(path(org))
                .then().statusCode(201)
                .header("Location", containsString(path(org) + "/"))
                .header("ETag", "\"1\"")
                .body("organisation_id", equalTo(org.toString()))
                .body("provider", equalTo("github"))
                .body("profile_name", equalTo("GitHub acme"))
                .body("item_type", equalTo("repository"))
                .body("enabled", equalTo(true))
                .body("configuration.enabled_repos[0].repo_name", equalTo("api"))
                .body("configuration.api_base_url", equalTo("https://api.github.com"))
                .body("credentials.configured", equalTo(true))
                .body("credentials.fields", contains("token"))
                .body("credentials.updated_at", notNullValue())
                .body("broker.enabled", equalTo(false))
                .body("broker.token_hint", nullValue())
                .body("broker.provisional_token_pending", equalTo(false))
                .body("status.health", equalTo("unknown"))
                .body("status.last_synced_at", nullValue())
                .body("version", equalTo(1))
                .body(not(containsString(token)))
                .extract().path("id");
        given().header("Authorization", Fixtures.as(org, "viewer")).when().get(path(org) + "/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("id", equalTo(id)).body(not(containsString(token)));
        // Settings defaults were filled from the provider's schema.
        given().header("Authorization", Fixtures.as(org, "viewer")).when().get(path(org) + "/" + id + "/settings")
                .then().statusCode(200)
                .body("settings.pull_request_test_enabled", notNullValue())
                .body("settings.auto_dep_upgrade_enabled", notNullValue());
    }

    @Test
    void invalidBodiesAre400WithPointersIntoTheBody() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Map<String, Object> body = github("broken", "t0k");
        body.put("configuration", Map.of("enabled_repos", List.of(Map.of("hostname", "github.com", "github_org_name", "acme"))));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(body)
                .when().post(path(org))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/configuration/enabled_repos/0/repo_name"));

        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("provider", "myspace"))
                .when().post(path(org)).then().statusCode(400).body("errors[0].pointer", equalTo("/provider"));

        Map<String, Object> noCredentials = github("nocreds", "x");
        noCredentials.remove("credentials");
        given().header("Authorization", admin).contentType(ContentType.JSON).body(noCredentials)
                .when().post(path(org)).then().statusCode(400).body("errors.pointer", hasItem("/credentials"));

        Map<String, Object> badItemType = github("bad item", "x");
        badItemType.put("item_type", "spaceship");
        given().header("Authorization", admin).contentType(ContentType.JSON).body(badItemType)
                .when().post(path(org)).then().statusCode(400).body("errors.pointer", hasItem("/item_type"));

        Map<String, Object> ecr = new HashMap<>();
        ecr.put("provider", "ecr");
        ecr.put("credentials", Map.of("region", "mars-north-1", "role_arn", "arn:aws:iam::12:role/x"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(ecr)
                .when().post(path(org)).then().statusCode(400)
                .body("errors.pointer", hasItems("/credentials/region", "/credentials/role_arn"));

        Map<String, Object> readOnly = github("ro", "x");
        readOnly.put("id", UUID.randomUUID().toString());
        given().header("Authorization", admin).contentType(ContentType.JSON).body(readOnly)
                .when().post(path(org)).then().statusCode(400).body("errors[0].pointer", equalTo("/id"));
        // Nothing was stored by any of these.
        given().header("Authorization", admin).when().get(path(org)).then().statusCode(200).body("data", empty());
    }

    @Test
    void withoutAProfileNameEachIntegrationGetsAFreeDefaultOne() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Map<String, Object> body = new HashMap<>();
        body.put("provider", "github");
        body.put("credentials", Map.of("token", "x"));
        body.put("configuration", Map.of());
        given().header("Authorization", admin).contentType(ContentType.JSON).body(body).when().post(path(org))
                .then().statusCode(201).body("profile_name", equalTo("GitHub")).body("configuration.enabled_repos", empty());
        given().header("Authorization", admin).contentType(ContentType.JSON).body(body).when().post(path(org))
                .then().statusCode(201).body("profile_name", matchesPattern("^GitHub [0-9a-f]{6}$"));
    }

    @Test
    void profileNameIsUniquePerOrganisationAndProvider() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Integrations.create(org, admin, github("same", "a"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(github("same", "b"))
                .when().post(path(org)).then().statusCode(409).body("code", equalTo("conflict"));
        // Another organisation may use the name.
        UUID other = Fixtures.organisation();
        Integrations.create(other, Fixtures.as(other, "owner"), github("same", "c"));
    }

    @Test
    void brokeredCreationNeedsNoCredentialsAndAnswersTheBrokerToken() {
        UUID org = Fixtures.organisation();
        Map<String, Object> body = github("brokered", "x");
        body.remove("credentials");
        body.put("broker", Map.of("enabled", true));
        given().header("Authorization", Fixtures.as(org, "admin")).contentType(ContentType.JSON).body(body)
                .when().post(path(org)).then().statusCode(201)
                .body("broker.enabled", equalTo(true)).body("broker_token", startsWith("brk_"))
                .body("credentials.configured", equalTo(false));
    }

    @Test
    void listFiltersAndPaginates() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String a = Integrations.create(org, admin, github("a", "1"));
        String b = Integrations.create(org, admin, github("b", "2"));
        Map<String, Object> slack = new HashMap<>();
        slack.put("provider", "slack");
        slack.put("credentials", Map.of("bot_token", "xoxb-123"));
        slack.put("enabled", false);
        String c = Integrations.create(org, admin, slack);
        String viewer = Fixtures.as(org, "viewer");
        given().header("Authorization", viewer).queryParam("provider", "github").when().get(path(org))
                .then().statusCode(200).body("data.id", contains(a, b));
        given().header("Authorization", viewer).queryParam("enabled", "false").when().get(path(org))
                .then().statusCode(200).body("data.id", contains(c));
        String next = given().header("Authorization", viewer).queryParam("limit", 2).when().get(path(org))
                .then().statusCode(200).body("data.id", contains(a, b)).body("has_more", equalTo(true))
                .extract().path("next_cursor");
        given().header("Authorization", viewer).queryParam("limit", 2).queryParam("cursor", next).when().get(path(org))
                .then().statusCode(200).body("data.id", contains(c)).body("has_more", equalTo(false));
        given().header("Authorization", viewer).queryParam("enabled", "yes").when().get(path(org))
                .then().statusCode(400).body("errors[0].parameter", equalTo("enabled"));
        given().header("Authorization", viewer).queryParam("provider", "myspace").when().get(path(org))
                .then().statusCode(400).body("errors[0].parameter", equalTo("provider"));
        // Without a role the organisation does not exist, whatever the query says.
        given().header("Authorization", Fixtures.as(UUID.randomUUID(), "owner")).queryParam("enabled", "yes")
                .when().get(path(org)).then().statusCode(404);
    }

    @Test
    void crossTenantAccessIs404AndViewersCannotWrite() {
        UUID org = Fixtures.organisation();
        String id = Integrations.create(org, Fixtures.as(org, "admin"), github("mine", "x"));
        UUID other = Fixtures.organisation();
        // Another organisation's integration id under one's own organisation: not found.
        given().header("Authorization", Fixtures.as(other, "owner")).when().get(path(other) + "/" + id)
                .then().statusCode(404);
        // The owning organisation's path without a role there: not found.
        given().header("Authorization", Fixtures.as(other, "owner")).when().get(path(org) + "/" + id)
                .then().statusCode(404);
        given().header("Authorization", Fixtures.as(org, "viewer")).contentType(ContentType.JSON)
                .body(Map.of("enabled", false)).when().patch(path(org) + "/" + id)
                .then().statusCode(403);
        given().header("Authorization", Fixtures.as(org, "member")).when().delete(path(org) + "/" + id)
                .then().statusCode(403);
        given().header("Authorization", Fixtures.as(org, "viewer")).when().get(path(org) + "/not-a-uuid")
                .then().statusCode(400).body("errors[0].parameter", equalTo("integration_id"));
    }

    @Test
    void patchChangesOnlyGivenFieldsAndProviderIsImmutable() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = Integrations.create(org, admin, github("before", "x"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("provider", "gitlab"))
                .when().patch(path(org) + "/" + id)
                .then().statusCode(400).body("errors[0].pointer", equalTo("/provider"))
                .body("errors[0].detail", equalTo("is immutable"));
        Map<String, Object> nullEnabled = new HashMap<>();
        nullEnabled.put("enabled", null);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(nullEnabled)
                .when().patch(path(org) + "/" + id).then().statusCode(400).body("errors[0].pointer", equalTo("/enabled"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("configuration", Map.of("enabled_repos", List.of(Map.of("hostname", "github.com")))))
                .when().patch(path(org) + "/" + id)
                .then().statusCode(400).body("errors.pointer", hasItems("/configuration/enabled_repos/0/repo_name",
                        "/configuration/enabled_repos/0/github_org_name"));
        given().header("Authorization", admin).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("profile_name", "after", "enabled", false,
                        "configuration", Map.of("enabled_repos", List.of())))
                .when().patch(path(org) + "/" + id)
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("profile_name", equalTo("after")).body("enabled", equalTo(false))
                .body("configuration.enabled_repos", empty())
                .body("credentials.configured", equalTo(true));
        given().header("Authorization", admin).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("enabled", true)).when().patch(path(org) + "/" + id).then().statusCode(412);
    }

    @Test
    void renamingOntoATakenProfileNameIs409AndWeakTagsNeverMatch() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Integrations.create(org, admin, github("taken", "x"));
        String id = Integrations.create(org, admin, github("free", "x"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("profile_name", "taken"))
                .when().patch(path(org) + "/" + id).then().statusCode(409).body("code", equalTo("conflict"));
        given().header("Authorization", admin).header("If-Match", "W/\"1\"").contentType(ContentType.JSON)
                .body(Map.of("enabled", false)).when().patch(path(org) + "/" + id).then().statusCode(412);
        given().header("Authorization", admin).header("If-Match", "one").contentType(ContentType.JSON)
                .body(Map.of("enabled", false)).when().patch(path(org) + "/" + id)
                .then().statusCode(400).body("errors[0].header", equalTo("If-Match"));
        given().header("Authorization", admin).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("configuration", Map.of("enabled_repos", List.of())))
                .when().put(path(org) + "/" + id + "/configuration")
                .then().statusCode(200).header("ETag", "\"2\"");
        given().header("Authorization", admin).when().get(path(org) + "/" + id).then().body("version", equalTo(2))
                .body("profile_name", equalTo("free"));
    }

    @Test
    void concurrentPatchesWithOneIfMatchLetExactlyOneWin() throws Exception {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = Integrations.create(org, admin, github("race", "x"));
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String name : List.of("left", "right")) {
                results.add(pool.submit(() -> given().header("Authorization", admin).header("If-Match", "\"1\"")
                        .contentType(ContentType.JSON).body(Map.of("profile_name", name))
                        .when().patch(path(org) + "/" + id).then().extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        } finally {
            pool.shutdownNow();
        }
        given().header("Authorization", admin).when().get(path(org) + "/" + id).then().body("version", equalTo(2));
    }

    @Test
    void configurationSettingsAndCredentialsEndpoints() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = Integrations.create(org, admin, github("subresources", "x"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("configuration", Map.of("api_base_url", "https://ghe.acme.example/api/v3", "enabled_repos", List.of())))
                .when().put(path(org) + "/" + id + "/configuration")
                .then().statusCode(200)
                .body("integration_id", equalTo(id)).body("organisation_id", equalTo(org.toString()))
                .body("provider", equalTo("github"))
                .body("configuration.api_base_url", equalTo("https://ghe.acme.example/api/v3"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("configuration", Map.of("colour", "red")))
                .when().put(path(org) + "/" + id + "/configuration")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/configuration/colour"));

        boolean before = given().header("Authorization", admin).when().get(path(org) + "/" + id + "/settings")
                .then().statusCode(200).extract().path("settings.pull_request_test_enabled");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("pull_request_test_enabled", !before, "auto_dep_upgrade_limit", 5))
                .when().patch(path(org) + "/" + id + "/settings")
                .then().statusCode(200)
                .body("settings.pull_request_test_enabled", equalTo(!before))
                .body("settings.auto_dep_upgrade_limit", equalTo(5))
                .body("settings.auto_dep_upgrade_min_age", notNullValue());
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("settings", Map.of("auto_dep_upgrade_limit", "many")))
                .when().patch(path(org) + "/" + id + "/settings")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/settings/auto_dep_upgrade_limit"));
        // The bare settings object: pointers into the body as sent.
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("auto_dep_upgrade_limit", "many"))
                .when().patch(path(org) + "/" + id + "/settings")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/auto_dep_upgrade_limit"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body("[1]")
                .when().patch(path(org) + "/" + id + "/settings")
                .then().statusCode(400).body("errors[0].pointer", equalTo(""));
        // The permission is checked before the body's shape.
        given().header("Authorization", Fixtures.as(org, "viewer")).contentType(ContentType.JSON).body("[1]")
                .when().patch(path(org) + "/" + id + "/settings")
                .then().statusCode(403);

        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("credentials", Map.of("token", "new-token")))
                .when().put(path(org) + "/" + id + "/credentials")
                .then().statusCode(200).body("credentials.configured", equalTo(true))
                .body(not(containsString("new-token")));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("credentials", Map.of("password", "nope")))
                .when().put(path(org) + "/" + id + "/credentials")
                .then().statusCode(400).body("errors.pointer", hasItem("/credentials/password"));
        for (String sub : List.of("/configuration", "/credentials")) {
            given().header("Authorization", admin).contentType(ContentType.JSON).when().put(path(org) + "/" + id + sub)
                    .then().statusCode(400).body("errors[0].pointer", equalTo(""));
        }
        given().header("Authorization", admin).when().delete(path(org) + "/" + id + "/credentials").then().statusCode(204);
        given().header("Authorization", admin).when().get(path(org) + "/" + id)
                .then().body("credentials.configured", equalTo(false)).body("credentials.fields", empty());
    }

    @Test
    void deleteIsHardAndAudited() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String id = Integrations.create(org, admin, github("doomed", "x"));
        given().header("Authorization", admin).header("If-Match", "\"9\"").when().delete(path(org) + "/" + id)
                .then().statusCode(412);
        given().header("Authorization", admin).when().delete(path(org) + "/" + id).then().statusCode(204);
        given().header("Authorization", admin).when().get(path(org) + "/" + id).then().statusCode(404);
        given().header("Authorization", admin).when().get(path(org) + "/" + id + "/resources").then().statusCode(404);
        given().header("Authorization", admin).queryParam("target_id", id)
                .when().get("/v1/orgs/" + org + "/audit-events")
                .then().statusCode(200).body("data.action", contains("integration.created", "integration.deleted"))
                .body("data[0].changes.credentials.to", equalTo("[redacted]"));
    }

    @Test
    void cloneCopiesIntoAnotherOrganisationOfTheGroup() {
        UUID group = Fixtures.group();
        UUID source = Fixtures.organisation(group);
        UUID destination = Fixtures.organisation(group);
        UUID elsewhere = Fixtures.organisation();
        String both = TestTokens.user().role(source, "admin").role(destination, "admin").role(elsewhere, "admin").bearer();
        String id = Integrations.create(source, both, github("cloned", "x"));
        given().header("Authorization", both).contentType(ContentType.JSON)
                .body(Map.of("pull_request_test_enabled", false)).when().patch(path(source) + "/" + id + "/settings")
                .then().statusCode(200);
        String copy = given().header("Authorization", both).contentType(ContentType.JSON)
                .body(Map.of("destination_org_id", destination.toString()))
                .when().post(path(source) + "/" + id + "/clone")
                .then().statusCode(201)
                .header("Location", containsString(path(destination) + "/"))
                .body("integration.organisation_id", equalTo(destination.toString()))
                .body("integration.credentials.configured", equalTo(true))
                .body("integration.profile_name", equalTo("cloned"))
                .extract().path("new_integration_id");
        given().header("Authorization", both).when().get(path(destination) + "/" + copy + "/settings")
                .then().statusCode(200).body("settings.pull_request_test_enabled", equalTo(false));
        // Same name again in the destination: conflict.
        given().header("Authorization", both).contentType(ContentType.JSON)
                .body(Map.of("destination_org_id", destination.toString()))
                .when().post(path(source) + "/" + id + "/clone").then().statusCode(409);
        // Outside the group: 400.
        given().header("Authorization", both).contentType(ContentType.JSON)
                .body(Map.of("destination_org_id", elsewhere.toString()))
                .when().post(path(source) + "/" + id + "/clone")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/destination_org_id"));
        // Without a role, or without edit rights, in the destination: 403.
        given().header("Authorization", TestTokens.user().role(source, "admin").bearer()).contentType(ContentType.JSON)
                .body(Map.of("destination_org_id", destination.toString()))
                .when().post(path(source) + "/" + id + "/clone").then().statusCode(403);
        String viewerThere = TestTokens.user().role(source, "admin").role(destination, "viewer").bearer();
        given().header("Authorization", viewerThere).contentType(ContentType.JSON)
                .body(Map.of("destination_org_id", destination.toString()))
                .when().post(path(source) + "/" + id + "/clone").then().statusCode(403);
    }
}
