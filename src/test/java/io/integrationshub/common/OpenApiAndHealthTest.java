package io.integrationshub.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
public class OpenApiAndHealthTest {

    @Test
    void openApiDocumentsPathsSecuritySchemesAndProblems() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.securitySchemes.apiToken.in", equalTo("header"))
                .body("components.schemas.Problem.properties.code.enum", hasItem("precondition_failed"))
                .body("paths", hasKey("/v1/orgs/{org_id}"))
                .body("paths", hasKey("/v1/orgs/{org_id}/api-tokens"))
                .body("paths", hasKey("/v1/orgs/{org_id}/audit-events"))
                .body("paths", hasKey("/v1/groups"))
                .body("paths", hasKey("/v1/orgs/{org_id}/integrations/{integration_id}/clone"))
                .body("components.schemas.Integration.properties", hasKey("organisation_id"))
                .body("components.schemas.Integration.properties", not(hasKey("organisationId")))
                // Java types are not API schemas: free-form JSON, ids and timestamps are inline wire types.
                .body("components.schemas.Integration.properties.configuration.type", equalTo("object"))
                .body("components.schemas.Job.properties.id.format", equalTo("uuid"))
                .body("components.schemas.Job.properties.created_at.format", equalTo("date-time"))
                .body("components.schemas.Job.properties.finished_at.type", hasItems("string", "null"))
                .body("components.schemas.keySet()", everyItem(not(containsString("."))))
                .body("components.schemas", not(hasKey("JsonNode")))
                .body("components.schemas", not(hasKey("UUID")))
                .body("components.schemas", not(hasKey("Instant")))
                .body("components.schemas", not(hasKey("OffsetDateTime")))
                // Operations are named, and share the error responses.
                .body("paths.'/v1/jobs/{job_id}'.get.operationId", equalTo("getJob"))
                .body("paths.'/v1/orgs/{org_id}'.get.responses.'429'.'$ref'", equalTo("#/components/responses/TooManyRequests"))
                .body("components.responses.TooManyRequests.headers", hasKey("Retry-After"))
                .body("components.responses.Unauthorized.content", hasKey("application/problem+json"))
                .body("paths", not(hasKey("/dev/token")))
                .body("paths.'/v1/orgs/{org_id}'.get.security", hasSize(2))
                .body("paths.'/v1/orgs/{org_id}'.get.parameters[0].schema.format", equalTo("uuid"))
                .body("paths.'/v1/orgs/{org_id}'.patch.responses", hasKey("412"))
                .body("paths.'/v1/orgs/{org_id}'.patch.responses.'401'.'$ref'", equalTo("#/components/responses/Unauthorized"))
                .body("paths.'/v1/orgs'.post.responses", hasKey("201"))
                .body("paths.'/v1/orgs'.post.responses", hasKey("415"))
                .body("paths.'/v1/orgs/{org_id}/api-tokens'.get.parameters.name", hasItems("limit", "cursor", "sort"));
    }

    @Test
    void healthIsUpWhenTheDatabaseAnswers() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
