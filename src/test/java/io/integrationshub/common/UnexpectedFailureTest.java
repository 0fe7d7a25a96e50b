package io.integrationshub.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** The 500 row of the error table, through a test-only endpoint (not in the packaged jar). */
@QuarkusTest
public class UnexpectedFailureTest {

    @Test
    void unexpectedFailureIs500WithoutInternals() {
        given().when().get("/test-only/boom")
                .then().statusCode(500).contentType("application/problem+json")
                .body("code", equalTo("internal"))
                .body(not(containsString("hunter2")))
                .body(not(containsString("select")))
                .body(not(containsString("Exception")));
    }
}
