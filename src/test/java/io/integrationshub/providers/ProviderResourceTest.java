package io.integrationshub.providers;

import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
public class ProviderResourceTest {
    private static final String PROBLEM = "application/problem+json";

    private static String anyUser() {
        return TestTokens.user().bearer();
    }

    @Test
    void theCatalogPagesLikeEveryList() {
        String token = io.integrationshub.support.TestTokens.user().bearer();
        var all = given().header("Authorization", token).when().get("/v1/providers")
                .then().statusCode(200).body("has_more", equalTo(false)).extract().<java.util.List<String>>path("data.id");
        org.assertj.core.api.Assertions.assertThat(all).hasSize(16);
        var first = given().header("Authorization", token).queryParam("limit", 10).when().get("/v1/providers")
                .then().statusCode(200).body("has_more", equalTo(true)).extract();
        String next = first.path("next_cursor");
        var second = given().header("Authorization", token).queryParam("limit", 10).queryParam("cursor", next)
                .when().get("/v1/providers").then().statusCode(200).body("has_more", equalTo(false)).extract();
        java.util.List<String> walked = new java.util.ArrayList<>(first.<java.util.List<String>>path("data.id"));
        walked.addAll(second.<java.util.List<String>>path("data.id"));
        org.assertj.core.api.Assertions.assertThat(walked).containsExactlyElementsOf(all);
        given().header("Authorization", token).queryParam("limit", 10).queryParam("cursor", (String) second.path("prev_cursor"))
                .when().get("/v1/providers").then().statusCode(200)
                .body("data.id", equalTo(first.<java.util.List<String>>path("data.id")));
        given().header("Authorization", token).queryParam("limit", 0).when().get("/v1/providers")
                .then().statusCode(400).body("errors[0].parameter", equalTo("limit"));
    }

    @Test
    void everyEndpointNeedsCredentials() {
        given().when().get("/v1/providers")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("unauthenticated"));
        given().when().get("/v1/providers/github")
                .then().statusCode(401).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(Map.of())
                .when().post("/v1/providers/github/validate")
                .then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Bearer not-a-jwt").when().get("/v1/providers")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void listsTheWholeCatalog() {
        given().header("Authorization", anyUser())
                .when().get("/v1/providers")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("data", hasSize(16))
                .body("data.id", contains("github", "gitlab", "bitbucket-cloud", "jira", "mantisbt", "slack", "discord",
                        "teams", "pagerduty", "ecr", "docker-hub", "acr", "gcr", "harbor", "quay", "artifactory"))
                .body("data.find { it.id == 'teams' }.supports_sync", equalTo(false))
                .body("data.find { it.id == 'ecr' }.supports_sync", equalTo(true))
                .body("data.find { it.id == 'acr' }.credentials_schema.properties.password.x-secret", equalTo(true))
                .body("data.configuration_schema.$schema", everyItem(equalTo("https://json-schema.org/draft/2020-12/schema")));
    }

    @Test
    void getsOneProviderWithResolvedSchemas() {
        given().header("Authorization", anyUser())
                .when().get("/v1/providers/github")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("id", equalTo("github"))
                .body("name", equalTo("GitHub"))
                .body("category", equalTo("scm"))
                .body("item_types", contains("repository"))
                .body("default_item_type", equalTo("repository"))
                .body("supports_sync", equalTo(true))
                .body("supports_broker", equalTo(true))
                .body("configuration_schema.$schema", equalTo("https://json-schema.org/draft/2020-12/schema"))
                .body("configuration_schema.properties.api_base_url.default", equalTo("https://api.github.com"))
                .body("configuration_schema.properties.enabled_repos.items.required",
                        containsInAnyOrder("hostname", "github_org_name", "repo_name"))
                .body("credentials_schema.properties.token.x-secret", equalTo(true))
                // Shared settings are served inline, not as a $ref.
                .body("settings_schema.$ref", nullValue())
                .body("settings_schema.properties.auto_dep_upgrade_min_age.default", equalTo(21))
                .body("settings_schema.properties.pull_request_assignment.properties.type.enum", contains("manual", "auto"));
    }

    @Test
    void unknownProviderIsNotFound() {
        given().header("Authorization", anyUser())
                .when().get("/v1/providers/sourceforge")
                .then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("not_found"));
        given().header("Authorization", anyUser()).contentType(ContentType.JSON).body(Map.of())
                .when().post("/v1/providers/sourceforge/validate")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void validBodyIsValid() {
        given().header("Authorization", anyUser()).contentType(ContentType.JSON)
                .body(Map.of(
                        "configuration", Map.of("enabled_repos", List.of(
                                Map.of("hostname", "github.com", "github_org_name", "myorg", "repo_name", "myrepo"))),
                        "credentials", Map.of("token", "ghp_valid"),
                        "settings", Map.of("auto_dep_upgrade_enabled", true)))
                .when().post("/v1/providers/github/validate")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("valid", equalTo(true));
        // Sections not given are not checked.
        given().header("Authorization", anyUser()).contentType(ContentType.JSON)
                .body(Map.of("credentials", Map.of("region", "eu-west-1", "role_arn", "arn:aws:iam::123456789012:role/r")))
                .when().post("/v1/providers/ecr/validate")
                .then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void violationsOfEverySectionComeBackWithPointersAndWithoutSecrets() {
        String secret = "ghp_SuperSecretValue";
        String body = given().header("Authorization", anyUser()).contentType(ContentType.JSON)
                .body(Map.of(
                        "configuration", Map.of("enabled_repos", List.of(Map.of("hostname", "github.com", "github_org_name", "myorg"))),
                        "credentials", Map.of("token", List.of(secret), "password", secret),
                        "settings", Map.of("auto_dep_upgrade_limit", -1)))
                .when().post("/v1/providers/github/validate")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("bad_input"))
                .body("detail", equalTo("request body is invalid"))
                .body("errors.pointer", contains("/configuration/enabled_repos/0/repo_name", "/credentials/password",
                        "/credentials/token", "/settings/auto_dep_upgrade_limit"))
                .body("errors.detail", contains("is required", "is not a known field", "must be a string", "must be at least 0"))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(body).doesNotContain(secret);

        given().header("Authorization", anyUser()).contentType(ContentType.JSON)
                .body(Map.of("credentials", Map.of("region", "moon-1", "role_arn", "arn:aws:iam::1:role/r")))
                .when().post("/v1/providers/ecr/validate")
                .then().statusCode(400)
                .body("detail", equalTo("credentials is invalid"))
                .body("errors.pointer", contains("/credentials/region", "/credentials/role_arn"));

        given().header("Authorization", anyUser()).contentType(ContentType.JSON)
                .body(Map.of("configuration", Map.of("accounts", List.of(Map.of("subdomain", "acme")))))
                .when().post("/v1/providers/pagerduty/validate")
                .then().statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].pointer", equalTo("/configuration/accounts/0/enabled"))
                .body("errors[0].detail", equalTo("is required"));
    }

    @Test
    void requestShapeIsChecked() {
        given().header("Authorization", anyUser()).contentType(ContentType.JSON)
                .body(Map.of("configuration", Map.of(), "profile_name", "x"))
                .when().post("/v1/providers/github/validate")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/profile_name"))
                .body("errors[0].detail", equalTo("is not a known field"));
        given().header("Authorization", anyUser()).contentType(ContentType.JSON)
                .body("{\"settings\": null}")
                .when().post("/v1/providers/slack/validate")
                .then().statusCode(400)
                .body("errors[0].pointer", equalTo("/settings"))
                .body("errors[0].detail", equalTo("must be an object"));
        given().header("Authorization", anyUser()).contentType(ContentType.JSON)
                .body("{\"settings\": ")
                .when().post("/v1/providers/slack/validate")
                .then().statusCode(400).contentType(PROBLEM);
        given().header("Authorization", anyUser()).contentType(ContentType.TEXT).body("settings")
                .when().post("/v1/providers/slack/validate")
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void openApiDescribesTheCatalog() {
        Map<String, Map<String, Object>> properties = given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.'/v1/providers'.get.tags", contains("Providers"))
                .body("paths.'/v1/providers/{provider}'.get.responses.'404'", notNullValue())
                .body("paths.'/v1/providers/{provider}/validate'.post.responses.'400'.content.'application/problem+json'", notNullValue())
                .body("components.schemas.JsonNode", nullValue())
                .body("components.schemas.ProviderValidationRequest.properties.configuration.type", equalTo("object"))
                .extract().path("components.schemas.Provider.properties");
        // The served schemas are documented as JSON objects (not as Jackson's JsonNode class).
        List<Object> schemaTypes = properties.entrySet().stream()
                .filter(p -> p.getKey().toLowerCase().endsWith("schema")).map(p -> p.getValue().get("type")).toList();
        org.assertj.core.api.Assertions.assertThat(schemaTypes).containsExactly("object", "object", "object");
    }
}
