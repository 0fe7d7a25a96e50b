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
}
