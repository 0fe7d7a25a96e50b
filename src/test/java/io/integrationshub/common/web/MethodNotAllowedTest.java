package io.integrationshub.common.web;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.nullValue;

/**
 * API.md 1.1 and RFC 9110 15.5.6: a method a path does not have is 405 method_not_allowed with Allow listing the
 * methods it has, whichever resource class RESTEasy routed the request to; a path that exists under no method,
 * and a resource the service does not find, stay 404.
 */
@QuarkusTest
public class MethodNotAllowedTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String GET = "GET, HEAD, OPTIONS";

    @Inject
    AllowedMethods allowedMethods;

    private UUID org;
    private String admin;
    private String integration;

    @BeforeEach
    void organisation() {
        org = Fixtures.organisation();
        admin = Fixtures.as(org, "admin");
        integration = "/v1/orgs/" + org + "/integrations/" + UUID.randomUUID();
    }

    private ValidatableResponse send(String auth, String method, String path) {
        return given().header("Authorization", auth).when().request(method, path).then();
    }

    private void assertNotAllowed(String method, String path, String allow) {
        send(admin, method, path)
                .statusCode(405).contentType(PROBLEM)
                .header("Allow", allow)
                .body("type", equalTo("urn:problem:method_not_allowed"))
                .body("status", equalTo(405))
                .body("code", equalTo("method_not_allowed"))
                .body("instance", equalTo(path))
                .body("request_id", not(emptyOrNullString()));
    }

    @Test
    void aMethodAnotherResourceClassDeclaresForThePathIs405WithAllow() {
        String orgPath = "/v1/orgs/" + org;
        assertNotAllowed("PUT", orgPath + "/integrations", "GET, HEAD, POST, OPTIONS");
        assertNotAllowed("POST", integration, "GET, HEAD, PATCH, DELETE, OPTIONS");
        assertNotAllowed("PUT", integration, "GET, HEAD, PATCH, DELETE, OPTIONS");
        assertNotAllowed("GET", integration + "/sync", "POST, OPTIONS");
        assertNotAllowed("PUT", integration + "/sync", "POST, OPTIONS");
        assertNotAllowed("GET", integration + "/clone", "POST, OPTIONS");
        assertNotAllowed("DELETE", integration + "/resources", GET);
        assertNotAllowed("POST", integration + "/settings", "GET, HEAD, PATCH, OPTIONS");
        assertNotAllowed("POST", integration + "/configuration", "PUT, OPTIONS");
        assertNotAllowed("GET", integration + "/credentials", "PUT, DELETE, OPTIONS");
        assertNotAllowed("GET", integration + "/broker", "PUT, OPTIONS");
        assertNotAllowed("GET", integration + "/broker/switch-token", "POST, OPTIONS");
        assertNotAllowed("GET", integration + "/broker/provisional-token", "POST, OPTIONS");
        assertNotAllowed("POST", orgPath + "/jobs", GET);
        assertNotAllowed("DELETE", orgPath + "/projects", "GET, HEAD, POST, OPTIONS");
    }

    @Test
    void projectPathsSharingAPrefixAre405WithAllow() {
        String project = "/v1/projects/" + UUID.randomUUID();
        String notification = project + "/notification-integrations/" + UUID.randomUUID();
        assertNotAllowed("GET", project + "/events", "POST, OPTIONS");
        assertNotAllowed("PUT", project + "/collaborators", "GET, HEAD, POST, OPTIONS");
        assertNotAllowed("PUT", notification, "GET, HEAD, PATCH, DELETE, OPTIONS");
        assertNotAllowed("GET", notification + "/test", "POST, OPTIONS");
        assertNotAllowed("GET", notification + "/rotate-secret", "POST, OPTIONS");
    }

    @Test
    void the405sRestEasyAlreadyAnsweredNowCarryAllow() {
        assertNotAllowed("DELETE", "/v1/providers/github", GET);
        assertNotAllowed("DELETE", "/v1/jobs/" + UUID.randomUUID(), GET);
        assertNotAllowed("PATCH", "/v1/projects/" + UUID.randomUUID(), "GET, HEAD, PUT, DELETE, OPTIONS");
        assertNotAllowed("GET", "/v1/broker/connections", "POST, OPTIONS");
        assertNotAllowed("DELETE", "/v1/groups", "POST, OPTIONS");
        assertNotAllowed("TRACE", "/v1/providers", GET);
    }

    @Test
    void aTrailingSlashNamesTheSamePath() {
        given().header("Authorization", admin).when().get("/v1/orgs/" + org + "/integrations/").then().statusCode(200);
        send(admin, "PUT", "/v1/orgs/" + org + "/integrations/")
                .statusCode(405).header("Allow", "GET, HEAD, POST, OPTIONS");
    }

    @Test
    void aPathThatExistsUnderNoMethodStays404() {
        for (String method : List.of("GET", "PUT", "POST", "DELETE")) {
            for (String path : List.of("/v1/nothing-here", "/v1/orgs/" + org + "/nothing-here", integration + "/sync/more",
                    integration + "/nothing-here", "/no/such/path")) {
                send(admin, method, path)
                        .statusCode(404).contentType(PROBLEM).header("Allow", nullValue())
                        .body("code", equalTo("not_found")).body("detail", equalTo("no such resource"));
            }
        }
    }

    @Test
    void aResourceTheServiceDoesNotFindStays404() {
        send(admin, "GET", integration)
                .statusCode(404).contentType(PROBLEM).header("Allow", nullValue())
                .body("code", equalTo("not_found")).body("detail", equalTo("no such integration"));
        send(admin, "DELETE", integration)
                .statusCode(404).header("Allow", nullValue()).body("detail", equalTo("no such integration"));
        send(admin, "POST", integration + "/sync")
                .statusCode(404).header("Allow", nullValue()).body("detail", equalTo("no such integration"));
        send(admin, "DELETE", "/v1/orgs/" + org + "/api-tokens/" + UUID.randomUUID())
                .statusCode(404).header("Allow", nullValue()).body("code", equalTo("not_found"));
    }

    @Test
    void authenticationStillComesFirst() {
        given().when().put("/v1/orgs/" + org + "/integrations")
                .then().statusCode(401).contentType(PROBLEM).header("Allow", nullValue())
                .body("code", equalTo("unauthenticated"));
    }

    /** 405 depends on the path's shape alone, so it tells a caller without a role nothing about the organisation. */
    @Test
    void aCallerWithoutARoleGetsTheSame405ForAnyOrganisation() {
        String stranger = TestTokens.user().bearer();
        for (UUID someOrg : List.of(org, UUID.randomUUID())) {
            send(stranger, "PUT", "/v1/orgs/" + someOrg + "/integrations")
                    .statusCode(405).header("Allow", "GET, HEAD, POST, OPTIONS").body("code", equalTo("method_not_allowed"));
            send(stranger, "GET", "/v1/orgs/" + someOrg + "/integrations")
                    .statusCode(404).body("code", equalTo("not_found"));
        }
    }

    @Test
    void theMethodsInAllowAreAnswered() {
        // HEAD where GET is, and OPTIONS (RESTEasy answers it with the resource class's methods).
        given().header("Authorization", admin).when().head("/v1/orgs/" + org + "/integrations").then().statusCode(200);
        given().header("Authorization", admin).when().options(integration + "/sync").then().statusCode(200);
    }

    /** The table is the resources' own: every operation of the served document, and only those, under each path. */
    @Test
    @SuppressWarnings("unchecked")
    void theTableHasEveryDocumentedPathWithItsMethods() {
        Map<String, Object> paths = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        Set<String> verbs = Set.of("get", "put", "post", "delete", "patch", "head", "options");
        Map<String, List<String>> documented = new TreeMap<>();
        paths.forEach((path, item) -> {
            List<String> methods = new ArrayList<>();
            ((Map<String, Object>) item).keySet().stream().filter(verbs::contains)
                    .forEach(m -> methods.add(m.toUpperCase(Locale.ROOT)));
            documented.put(path, methods);
        });
        Map<String, List<String>> table = allowedMethods.templates();
        assertThat(documented).hasSizeGreaterThan(30);
        documented.forEach((path, methods) ->
                assertThat(table.get(path)).as(path).containsExactlyInAnyOrderElementsOf(methods));
        assertThat(new TreeMap<>(table).keySet()).containsAll(documented.keySet());
    }
}
