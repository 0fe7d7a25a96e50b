package io.integrationshub.hardening;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** Issue 14 findings 1, 3, 4 (outside bodies) and 9 (content types): what the service refuses before reading a body. */
@QuarkusTest
public class EdgeTest {
    private static final String PROBLEM = "application/problem+json";

    private static String chunk(int size) {
        char[] filler = new char[size];
        Arrays.fill(filler, 'a');
        return Integer.toHexString(size) + "\r\n" + new String(filler) + "\r\n";
    }

    @Test
    void unauthenticatedChunkedBodyIs401BeforeTheBodyIsRead() throws Exception {
        try (RawHttp http = new RawHttp()) {
            // The body never ends: an answer can only come if the server does not wait for it.
            http.send("POST /v1/groups HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + chunk(1024));
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith(PROBLEM);
            assertThat(response.header("X-Request-Id")).isNotBlank();
            assertThat(response.header("WWW-Authenticate")).contains("Bearer");
            assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
            assertThat(http.closedWithin(5000)).as("connection closed with the body unread").isTrue();
        }
    }

    @Test
    void badCredentialsWithAContentLengthBodyAre401BeforeTheBodyIsRead() throws Exception {
        try (RawHttp http = new RawHttp()) {
            http.send("POST /v1/groups HTTP/1.1\r\nHost: localhost\r\nAuthorization: Token iht_nope\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 500000\r\n\r\n{\"name\":");
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(401);
            assertThat(http.closedWithin(5000)).isTrue();
        }
    }

    @Test
    void chunkedBodyOverTheLimitIs413AndClosesTheConnection() throws Exception {
        try (RawHttp http = new RawHttp()) {
            http.send("POST /v1/groups HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.platformAdmin()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 16; i++) {
                http.send(chunk(64 * 1024));
            }
            http.send(chunk(1));
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Content-Type")).startsWith(PROBLEM);
            assertThat(response.body()).contains("\"code\":\"too_large\"");
            assertThat(http.closedWithin(5000)).as("no reading and discarding after a 413").isTrue();
        }
    }

    @Test
    void authenticatedChunkedBodyWithinTheLimitStillWorks() throws Exception {
        try (RawHttp http = new RawHttp()) {
            String json = "{\"name\":\"chunked " + UUID.randomUUID() + "\"}";
            http.send("POST /v1/groups HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.platformAdmin()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(json.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + json + "\r\n0\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(201);
        }
    }

    @Test
    void jsonBodyWithoutAJsonContentTypeIs415() {
        String admin = TestTokens.platformAdmin();
        for (String type : new String[] {null, "", "*/*", "text/plain", "application/json; charset=iso-8859-1",
                "application/json;charset=\"utf-16\""}) {
            var request = given().header("Authorization", admin).body("{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            if (type != null) {
                request = request.header("Content-Type", type);
            }
            request.when().post("/v1/groups").then().statusCode(415).contentType(PROBLEM)
                    .body("code", equalTo("unsupported_media_type"))
                    .body("errors[0].header", equalTo("Content-Type"));
        }
        for (String type : new String[] {"application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"", "application/json"}) {
            given().header("Authorization", admin).header("Content-Type", type)
                    .body("{\"name\":\"typed " + UUID.randomUUID() + "\"}").when().post("/v1/groups").then().statusCode(201);
        }
    }

    @Test
    void aCallerWithNoRoleInTheOrganisationGets404WhateverTheBodyHolds() {
        UUID org = Fixtures.organisation();
        String outsider = Fixtures.as(Fixtures.organisation(), "owner");
        for (String body : new String[] {"{\"provider\": ", "{\"provider\": 5}", "{\"unknown_field\": true}"}) {
            given().header("Authorization", outsider).contentType(ContentType.JSON).body(body)
                    .when().post("/v1/orgs/" + org + "/integrations")
                    .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("not_found"))
                    .body("detail", equalTo("no such resource"));
        }
        given().header("Authorization", outsider).contentType(ContentType.JSON).body("{\"name\": 5}")
                .when().patch("/v1/orgs/" + org).then().statusCode(404).body("code", equalTo("not_found"));
        given().header("Authorization", outsider).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/v1/orgs/" + org + "/projects").then().statusCode(404).body("code", equalTo("not_found"));
        // A member of the organisation learns what is wrong with the body, and a malformed id is still the id's 400.
        given().header("Authorization", Fixtures.as(org, "admin")).contentType(ContentType.JSON).body("{\"provider\": ")
                .when().post("/v1/orgs/" + org + "/integrations").then().statusCode(400).body("code", equalTo("bad_input"));
        given().header("Authorization", outsider).contentType(ContentType.JSON).body("{\"provider\": ")
                .when().post("/v1/orgs/not-an-id/integrations").then().statusCode(400).body("code", equalTo("bad_input"));
    }

    @Test
    void anEndpointThatTakesNoBodyRefusesOneInsteadOfIgnoringIt() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        String cancel = "/v1/jobs/" + UUID.randomUUID() + "/cancel";
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"force\": true, \"now\": 1}")
                .when().post(cancel).then().statusCode(400).contentType(PROBLEM).body("code", equalTo("bad_input"))
                .body("errors.pointer", contains("/force", "/now")).body("errors[0].detail", equalTo("is not a known field"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{bad json")
                .when().post(cancel).then().statusCode(400).body("errors[0].pointer", equalTo(""))
                .body("errors[0].detail", startsWith("malformed JSON"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body("[]")
                .when().post(cancel).then().statusCode(400).body("errors[0].detail", equalTo("request body must be a JSON object"));
        // Nothing, or an empty object, goes on to the endpoint (here: no such job).
        given().header("Authorization", admin).contentType(ContentType.JSON).body(" { } ")
                .when().post(cancel).then().statusCode(404);
        given().header("Authorization", admin).when().post(cancel).then().statusCode(404);
        // An endpoint that takes a body is not affected.
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"provider\": \"nope\"}")
                .when().post("/v1/orgs/" + org + "/integrations").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/provider"));
    }

    @Test
    void aQueryParameterGivenTwiceIs400NamingIt() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        given().header("Authorization", admin).urlEncodingEnabled(false)
                .when().get("/v1/orgs/" + org + "/integrations?limit=5&limit=999")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("limit"));
        given().header("Authorization", admin).urlEncodingEnabled(false)
                .when().get("/v1/orgs/" + org + "/audit-events?actor_id=a&action=x&actor_id=b")
                .then().statusCode(400).body("errors[0].parameter", equalTo("actor_id"));
        given().header("Authorization", admin).urlEncodingEnabled(false)
                .when().get("/v1/orgs/" + org + "/integrations?limit=5&sort=-created_at")
                .then().statusCode(200);
    }

    @Test
    void nulOrBadPercentEncodingInAQueryParameterIs400NamingIt() {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        given().header("Authorization", admin).urlEncodingEnabled(false)
                .when().get("/v1/orgs/" + org + "/audit-events?action=%00")
                .then().statusCode(400).contentType(PROBLEM).header("X-Request-Id", not(emptyOrNullString()))
                .body("errors[0].parameter", equalTo("action"));
    }

    @Test
    void tokenWhoseSubjectHoldsANulIs401() {
        UUID org = Fixtures.organisation();
        given().header("Authorization", TestTokens.user("evil\u0000sub").role(org, "admin").bearer())
                .when().get("/v1/orgs/" + org)
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("unauthenticated"));
        given().header("Authorization", TestTokens.user("evil\u0000sub").role(org, "admin").bearer())
                .contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .when().patch("/v1/orgs/" + org)
                .then().statusCode(401);
    }
}
