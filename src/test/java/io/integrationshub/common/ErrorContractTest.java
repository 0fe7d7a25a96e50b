package io.integrationshub.common;

import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** One test per row of the status table of API.md 1.1 that the foundation can produce. */
@QuarkusTest
public class ErrorContractTest {
    private static final String PROBLEM = "application/problem+json";

    @Test
    void malformedJsonIs400WithPointer() {
        given().header("Authorization", TestTokens.platformAdmin()).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/v1/groups")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:problem:bad_input"))
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("code", equalTo("bad_input"))
                .body("instance", equalTo("/v1/groups"))
                .body("request_id", not(emptyOrNullString()))
                .body("errors[0].pointer", equalTo(""));
    }

    @Test
    void wrongTypeIs400PointingAtTheField() {
        given().header("Authorization", TestTokens.platformAdmin()).contentType(ContentType.JSON).body(Map.of("name", 42))
                .when().post("/v1/groups")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/name"))
                .body("errors[0].detail", equalTo("must be a string"));
    }

    @Test
    void unknownAndReadOnlyFieldsAre400NamingTheField() {
        given().header("Authorization", TestTokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "colour", "red"))
                .when().post("/v1/groups")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/colour"))
                .body("errors[0].detail", equalTo("is not a known field"));
        given().header("Authorization", TestTokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "id", UUID.randomUUID().toString()))
                .when().post("/v1/groups")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/id"))
                .body("errors[0].detail", equalTo("is read-only"));
    }

    @Test
    void validationFailureListsEveryViolation() {
        given().header("Authorization", TestTokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", " ", "profile", Map.of("website", "ftp://nope", "bio", "b".repeat(1001))))
                .when().post("/v1/orgs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.pointer", hasItems("/name", "/group_id", "/profile/website", "/profile/bio"));
    }

    @Test
    void missingBodyIs400() {
        given().header("Authorization", TestTokens.platformAdmin()).contentType(ContentType.JSON)
                .when().post("/v1/groups")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("bad_input"));
    }

    @Test
    void malformedPathIdIs400NamingTheParameter() {
        given().header("Authorization", TestTokens.user().bearer())
                .when().get("/v1/orgs/not-a-uuid")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("org_id"));
    }

    @Test
    void everyMalformedPathIdIs400NamingItsOwnParameter() {
        String token = TestTokens.platformAdmin();
        String id = UUID.randomUUID().toString();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("/v1/groups/x", "group_id");
        cases.put("/v1/orgs/" + id + "/integrations/x", "integration_id");
        cases.put("/v1/orgs/x/integrations/" + id + "/settings", "org_id");
        cases.put("/v1/orgs/" + id + "/api-tokens/12345", "token_id");
        cases.put("/v1/jobs/" + id + "0", "job_id");
        cases.put("/v1/projects/x/collaborators", "project_id");
        cases.put("/v1/projects/" + id + "/notification-integrations/x", "nid");
        cases.put("/v1/projects/" + id + "/notification-integrations/" + id + "/deliveries/x", "did");
        cases.forEach((path, parameter) -> given().header("Authorization", token)
                .when().get(path)
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("bad_input"))
                .body("detail", equalTo("parameter " + parameter + " is invalid"))
                .body("errors", hasSize(1))
                .body("errors[0].parameter", equalTo(parameter))
                .body("errors[0].detail", equalTo("must be a UUID"))
                .body("request_id", not(emptyOrNullString())));
    }

    @Test
    void badQueryParametersAre400() {
        String token = TestTokens.user().bearer();
        for (String limit : new String[] {"0", "241", "ten", "-1"}) {
            given().header("Authorization", token).queryParam("limit", limit)
                    .when().get("/v1/orgs")
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("limit"));
        }
        given().header("Authorization", token).queryParam("sort", "name")
                .when().get("/v1/orgs").then().statusCode(400).body("errors[0].parameter", equalTo("sort"));
        given().header("Authorization", token).queryParam("cursor", "garbage!!")
                .when().get("/v1/orgs").then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
    }

    @Test
    void missingCredentialsAre401WithChallenge() {
        given().when().get("/v1/orgs")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void roleWithoutPermissionIs403AndNoRoleIs404() {
        UUID org = Fixtures.organisation();
        given().header("Authorization", Fixtures.as(org, "viewer")).contentType(ContentType.JSON)
                .body(Map.of("name", "renamed"))
                .when().patch("/v1/orgs/" + org)
                .then().statusCode(403).contentType(PROBLEM).body("code", equalTo("forbidden"));
        given().header("Authorization", Fixtures.as(UUID.randomUUID(), "owner"))
                .when().get("/v1/orgs/" + org)
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("not_found"));
    }

    @Test
    void unknownPathIs404Problem() {
        given().header("Authorization", TestTokens.user().bearer())
                .when().get("/v1/nothing-here")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("not_found"))
                .header("X-Request-Id", not(emptyOrNullString()));
        given().when().get("/no/such/path")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("not_found"));
    }

    @Test
    void wrongMethodIs405() {
        given().header("Authorization", TestTokens.platformAdmin())
                .when().delete("/v1/groups")
                .then().statusCode(405).contentType(PROBLEM).body("code", equalTo("method_not_allowed"));
    }

    @Test
    void wrongMediaTypeIs415() {
        given().header("Authorization", TestTokens.platformAdmin()).contentType(ContentType.TEXT).body("name=x")
                .when().post("/v1/groups")
                .then().statusCode(415).contentType(PROBLEM).body("code", equalTo("unsupported_media_type"));
    }

    @Test
    void ifMatchMismatchIs412() {
        UUID org = Fixtures.organisation();
        given().header("Authorization", Fixtures.as(org, "admin")).header("If-Match", "\"7\"").contentType(ContentType.JSON)
                .body(Map.of("name", "renamed"))
                .when().patch("/v1/orgs/" + org)
                .then().statusCode(412).contentType(PROBLEM).body("code", equalTo("precondition_failed"));
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        // Over a plain socket: the server answers from Content-Length and closes the connection without
        // reading the body, so a client still writing 1 MiB may see a broken pipe before the answer.
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /v1/groups HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.platformAdmin()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1100020\r\n\r\n{\"name\": \"xxxx";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: " + PROBLEM);
            assertThat(answer).contains("\"code\":\"too_large\"");
        }
    }

    @Test
    void smallChunkedBodyIsAccepted() throws Exception {
        byte[] body = "{\"name\": \"chunked group\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                        + io.restassured.RestAssured.port + "/v1/groups"))
                .header("Authorization", TestTokens.platformAdmin()).header("Content-Type", "application/json")
                // An input-stream body has no Content-Length: it is sent chunked.
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(201);
        org.assertj.core.api.Assertions.assertThat(response.body()).contains("\"name\":\"chunked group\"");
    }

    @Test
    void oversizedChunkedBodyIs413() throws Exception {
        // A raw HTTP/1.1 request with a chunked body (no Content-Length): the server must answer 413 with a
        // problem body once it has read more than 1 MiB; it may close the connection while we still write.
        String response;
        try (var socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST /v1/groups HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.platformAdmin()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(65_536).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            try {
                out.write(("10\r\n{\"name\": \"xxxxxx\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                for (int i = 0; i < 24; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                out.write("3\r\n\"}\n\r\n0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedWhileWriting) {
                // expected once the server has answered
            }
            var in = new java.io.ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(in);
            } catch (java.io.IOException reset) {
                // the server may reset after answering; what arrived is kept
            }
            response = in.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
        org.assertj.core.api.Assertions.assertThat(response).startsWith("HTTP/1.1 413");
        org.assertj.core.api.Assertions.assertThat(response).containsIgnoringCase("content-type: " + PROBLEM);
        org.assertj.core.api.Assertions.assertThat(response).contains("\"code\":\"too_large\"");
    }

    @Test
    void requestIdIsEchoedWhenValidAndGeneratedOtherwise() {
        given().header("X-Request-Id", "client-req-123").when().get("/v1/orgs")
                .then().header("X-Request-Id", "client-req-123").body("request_id", equalTo("client-req-123"));
        given().header("X-Request-Id", "bad id with spaces").when().get("/v1/orgs")
                .then().header("X-Request-Id", not(equalTo("bad id with spaces")));
        given().when().get("/q/health/live").then().statusCode(200).header("X-Request-Id", not(emptyOrNullString()));
    }
}
