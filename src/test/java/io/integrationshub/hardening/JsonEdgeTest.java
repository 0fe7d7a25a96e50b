package io.integrationshub.hardening;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.Integrations;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Issue 14 findings 4, 5 and 9: NUL, unpaired surrogates, duplicate keys, blank booleans and URLs with userinfo, in every body. */
@QuarkusTest
public class JsonEdgeTest {
    private static final String PROBLEM = "application/problem+json";
    // JSON escapes, written so that javac does not turn them into characters first.
    private static final String NUL = "\\" + "u0000";
    private static final String LONE_SURROGATE = "\\" + "ud800";

    private static void post(String auth, String path, String json, String pointer) {
        given().header("Authorization", auth).contentType(ContentType.JSON).body(json)
                .when().post(path)
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("bad_input"))
                .body("errors.pointer", hasItem(pointer));
    }

    private static void put(String auth, String path, String json, String pointer) {
        given().header("Authorization", auth).contentType(ContentType.JSON).body(json)
                .when().put(path)
                .then().statusCode(400).contentType(PROBLEM).body("errors.pointer", hasItem(pointer));
    }

    @Test
    void nulAndUnpairedSurrogatesAre400WithAPointer() {
        UUID group = Fixtures.group();
        UUID org = Fixtures.organisation(group);
        String admin = TestTokens.platformAdmin();
        String orgAdmin = Fixtures.as(org, "admin");
        post(admin, "/v1/groups", "{\"name\":\"a" + NUL + "b\"}", "/name");
        post(admin, "/v1/groups", "{\"name\":\"a" + LONE_SURROGATE + "b\"}", "/name");
        post(admin, "/v1/orgs", "{\"name\":\"n\",\"group_id\":\"" + group + "\",\"profile\":{\"bio\":\"" + NUL + "\"}}",
                "/profile/bio");
        String integrations = "/v1/orgs/" + org + "/integrations";
        post(orgAdmin, integrations, "{\"provider\":\"github\",\"profile_name\":\"p" + NUL + "\",\"credentials\":{\"token\":\"t\"}}",
                "/profile_name");
        // Free-form JSON (configuration, settings) is checked down to the nested string and the field name.
        post(orgAdmin, integrations, "{\"provider\":\"github\",\"credentials\":{\"token\":\"t\"},\"configuration\":"
                + "{\"enabled_repos\":[{\"hostname\":\"github.com\",\"github_org_name\":\"a\",\"repo_name\":\"r" + NUL + "\"}]}}",
                "/configuration/enabled_repos/0/repo_name");
        post(orgAdmin, integrations, "{\"provider\":\"github\",\"credentials\":{\"token\":\"t\"},\"settings\":"
                + "{\"auto_dep_upgrade_ignored_dependencies\":[\"x" + LONE_SURROGATE + "\"]}}",
                "/settings/auto_dep_upgrade_ignored_dependencies/0");
        post(orgAdmin, "/v1/providers/github/validate", "{\"configuration\":{\"k" + NUL + "\":1}}",
                "/configuration/k\\u0000");
        // Nothing was stored on the way.
        given().header("Authorization", orgAdmin).when().get(integrations).then().statusCode(200).body("data", empty());
    }

    @Test
    void duplicateKeysAre400PointingAtTheKey() {
        UUID group = Fixtures.group();
        UUID org = Fixtures.organisation(group);
        String admin = TestTokens.platformAdmin();
        String orgAdmin = Fixtures.as(org, "admin");
        post(admin, "/v1/groups", "{\"name\":\"a\",\"name\":\"b\"}", "/name");
        post(admin, "/v1/orgs", "{\"name\":\"a\",\"group_id\":\"" + group + "\",\"name\":\"b\"}", "/name");
        given().header("Authorization", orgAdmin).contentType(ContentType.JSON).body("{\"name\":\"a\",\"name\":\"b\"}")
                .when().patch("/v1/orgs/" + org)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].pointer", equalTo("/name"));
        String id = Integrations.create(org, orgAdmin, Integrations.github("dup", "ghp_x"));
        put(orgAdmin, "/v1/orgs/" + org + "/integrations/" + id + "/configuration",
                "{\"configuration\":{\"enabled_repos\":[],\"enabled_repos\":[]}}", "/configuration/enabled_repos");
        put(orgAdmin, "/v1/orgs/" + org + "/integrations/" + id + "/credentials",
                "{\"credentials\":{\"token\":\"a\",\"token\":\"b\"}}", "/credentials/token");
        post(orgAdmin, "/v1/providers/github/validate", "{\"settings\":{},\"settings\":{}}", "/settings");
    }

    @Test
    void blankOrNulBooleansAre400LikeTheEmptyString() {
        UUID org = Fixtures.organisation();
        String orgAdmin = Fixtures.as(org, "admin");
        for (String blank : new String[] {"  ", "\\t", NUL, ""}) {
            post(orgAdmin, "/v1/orgs/" + org + "/integrations",
                    "{\"provider\":\"github\",\"enabled\":\"" + blank + "\",\"credentials\":{\"token\":\"t\"}}", "/enabled");
        }
    }

    @Test
    void urlsWithUserinfoOrFragmentAreRefusedAtValidation() {
        UUID org = Fixtures.organisation();
        String orgAdmin = Fixtures.as(org, "admin");
        for (String url : new String[] {"https://user:pass@api.example.com", "https://api.example.com/v3#frag",
                "https://token@api.example.com/"}) {
            post(orgAdmin, "/v1/orgs/" + org + "/integrations",
                    "{\"provider\":\"github\",\"credentials\":{\"token\":\"t\"},\"configuration\":{\"api_base_url\":\"" + url + "\"}}",
                    "/configuration/api_base_url");
            post(orgAdmin, "/v1/providers/mantisbt/validate", "{\"configuration\":{\"base_url\":\"" + url + "\"}}",
                    "/configuration/base_url");
        }
        given().header("Authorization", orgAdmin).contentType(ContentType.JSON)
                .body("{\"configuration\":{\"api_base_url\":\"https://ghe.example.com/api/v3\"}}")
                .when().post("/v1/providers/github/validate").then().log().ifValidationFails().statusCode(200).body("valid", equalTo(true));
    }
}
