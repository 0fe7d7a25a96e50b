package io.integrationshub.hardening;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * Issue 14 finding 11: /q/metrics stays on the service port (API.md 11 names it there), so it must not
 * carry what failures say: no exception message, SQL or secret, only status classes and names.
 */
@QuarkusTest
public class MetricsLeakTest {

    @Test
    void metricsCarryNoExceptionMessage() {
        given().when().get("/test-only/boom").then().statusCode(500);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests"))
                .body(not(containsString("hunter2")))
                .body(not(containsString("select * from")));
    }

    @Test
    void refusedRequestsDoNotMakeATimeSeriesPerPath() {
        // Anonymous clients choose the paths: a label per raw path would let them grow the registry without end.
        String random = java.util.UUID.randomUUID().toString();
        given().when().get("/v1/probe-" + random).then().statusCode(401);
        given().header("Authorization", "Bearer nope").when().get("/v1/orgs/" + random).then().statusCode(401);
        given().header("Authorization", io.integrationshub.support.TestTokens.user().bearer())
                .when().put("/v1/orgs/" + random + "/integrations").then().statusCode(405);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(metrics).doesNotContain(random)
                .contains("uri=\"/REFUSED\"").contains("uri=\"/v1/orgs/{org_id}/integrations\"");
    }
}
