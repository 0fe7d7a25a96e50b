package io.integrationshub.hardening;

import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14 finding 8: errors raised below the REST layer are problem+json too, sent over a plain socket. */
@QuarkusTest
public class HttpLayerErrorsTest {

    private static RawHttp.Response exchange(String request) throws IOException {
        try (RawHttp http = new RawHttp()) {
            return http.send(request).read();
        }
    }

    private static void assertProblem(RawHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.head() + response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(response.body()).contains("\"code\":\"" + code + "\"", "\"status\":" + status, "\"type\":\"urn:problem:",
                "\"title\":", "\"detail\":", "\"request_id\":\"" + response.header("X-Request-Id") + "\"");
    }

    private static String get(String target, String extraHeaders) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.platformAdmin() + "\r\n"
                + extraHeaders + "\r\n";
    }

    @Test
    void badPercentEncodingInQueryOrPathIs400Problem() throws Exception {
        assertProblem(exchange(get("/v1/orgs?cursor=%%%", "")), 400, "bad_input");
        assertProblem(exchange(get("/v1/orgs?%zz=1", "")), 400, "bad_input");
        assertProblem(exchange(get("/v1/orgs/%zz", "")), 400, "bad_input");
        assertProblem(exchange(get("/v1/orgs/abc%", "")), 400, "bad_input");
        assertProblem(exchange(get("/v1/orgs/%E2%28%A1", "")), 400, "bad_input");
    }

    @Test
    void bracesInAPathAre400Or404Problem() throws Exception {
        RawHttp.Response response = exchange(get("/v1/orgs/{}", ""));
        assertThat(response.status()).isIn(400, 404);
        assertProblem(response, response.status(), response.status() == 400 ? "bad_input" : "not_found");
        response = exchange(get("/v1/{org_id}/x", ""));
        assertThat(response.status()).isIn(400, 404);
        assertProblem(response, response.status(), response.status() == 400 ? "bad_input" : "not_found");
    }

    @Test
    void urlOver4KiBIs414Problem() throws Exception {
        assertProblem(exchange(get("/v1/orgs?x=" + "a".repeat(5000), "")), 414, "uri_too_long");
    }

    @Test
    void headersOverTheLimitAre431Problem() throws Exception {
        assertProblem(exchange(get("/v1/orgs", "X-Big: " + "b".repeat(30000) + "\r\n")), 431, "headers_too_large");
    }

    @Test
    void malformedOrRepeatedContentLengthIs400Problem() throws Exception {
        String post = "POST /v1/groups HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";
        assertProblem(exchange(post + "Content-Length: abc\r\n\r\n{}"), 400, "bad_input");
        assertProblem(exchange(post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{} "), 400, "bad_input");
        assertProblem(exchange(post + "Content-Length: -1\r\n\r\n"), 400, "bad_input");
    }

    @Test
    void badChunkSizeClosesTheConnection() throws Exception {
        try (RawHttp http = new RawHttp()) {
            http.send("POST /v1/groups HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.platformAdmin()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
            // Either a problem answer and then the close, or the close alone: never a hang.
            try {
                RawHttp.Response response = http.read();
                assertProblem(response, response.status(), response.status() == 400 ? "bad_input" : "too_large");
            } catch (IOException closed) {
                // closed before answering
            }
            assertThat(http.closedWithin(5000)).isTrue();
        }
    }
}
