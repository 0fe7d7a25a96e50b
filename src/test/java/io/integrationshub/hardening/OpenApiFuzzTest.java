package io.integrationshub.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationshub.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 "Done when": every operation of the served OpenAPI document, with valid credentials and without, gets
 * malformed, huge, deeply nested and hostile bodies, bad ids and percent-encodings in its path, long URLs and wrong
 * content types. No answer may be a 5xx, every error must be a complete problem+json, nothing may leak, nothing
 * may hang. The seed is fixed, so a failure reproduces.
 */
@QuarkusTest
public class OpenApiFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 14L;
    private static final String[] LEAKS = {"Exception", "\tat ", "io.integrationshub.", "java.", "org.hibernate", "io.vertx",
        "SQLState", "ERROR:", "eyJ", "iht_", "BEGIN ", "password=", "jdbc:"};

    @Test
    void everyOperationAnswersHostileInputWithProblems() throws Exception {
        JsonNode document = JSON.readTree(given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/v1/")) {
                // The API only: the test build also serves its own /test-support fixtures (jobs tests' TestJobResource).
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                String template = path.getKey();
                String valid = template.replaceAll("\\{org_id}", org.toString()).replaceAll("\\{provider}", "github")
                        .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                List<String> targets = new ArrayList<>();
                for (String bad : new String[] {"not-a-uuid", "%zz", "%00", "%ED%A0%80", "%C0%AF", "{}", "..%2F..%2F",
                    "a".repeat(300), UUID.randomUUID() + "%20"}) {
                    if (template.contains("{")) {
                        targets.add(template.replaceAll("\\{[^}]+}", bad.replace("\\", "\\\\").replace("$", "\\$")));
                    }
                }
                targets.add(valid + "?limit=999999999999999999999&cursor=%%%&sort=%ff");
                targets.add(valid + "?" + "q=" + "x".repeat(5000));
                targets.add(valid + "?action=%00&cursor=" + "%ED%A0%80");
                for (String auth : new String[] {admin, null}) {
                    for (String target : targets) {
                        requests++;
                        check(failures, method, target, auth, null, null);
                    }
                    if (Set.of("POST", "PUT", "PATCH").contains(method)) {
                        // Without credentials the body is never read: the generic bodies are enough there.
                        for (byte[] body : bodies(auth == null ? null : op.getValue(), document, random)) {
                            requests++;
                            check(failures, method, valid, auth, "application/json", body);
                        }
                        requests += 3;
                        check(failures, method, valid, auth, "text/plain", "{}".getBytes(StandardCharsets.UTF_8));
                        check(failures, method, valid, auth, "application/json; charset=utf-16",
                                "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_16));
                        check(failures, method, valid, auth, "application/x-www-form-urlencoded", "name=x".getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertThat(requests).isGreaterThan(500);
        assertThat(failures).as(failures.size() + " of " + requests + " requests").isEmpty();
    }

    /** Hostile bodies: generic ones, and for each property the schema names, values of the wrong kind or range. */
    private static List<byte[]> bodies(JsonNode operation, JsonNode document, Random random) {
        List<String> texts = new ArrayList<>(List.of("", "{", "{\"a\":", "[", "nul", "{}{}", "\"str\"", "12", "null",
                "{\"a\":1,\"a\":2}", "[".repeat(5000) + "]".repeat(5000), "{\"x\":" + "{\"x\":".repeat(3000) + "1" + "}".repeat(3001),
                "{\"name\":\"a\\u0000b\"}", "{\"name\":\"\\ud800\"}", "{\"name\":\"\\udc00x\"}",
                "{\"name\":\"" + "n".repeat(600_000) + "\"}", "\ufeff{}", "{\"name\":1e999999}"));
        Set<String> properties = new LinkedHashSet<>();
        JsonNode schema = operation == null ? JSON.createObjectNode()
                : operation.path("requestBody").path("content").path("application/json").path("schema");
        if (schema.has("$ref")) {
            String[] ref = schema.get("$ref").asText().split("/");
            schema = document.path("components").path("schemas").path(ref[ref.length - 1]);
        }
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        for (String property : properties) {
            for (String value : new String[] {"\"\\u0000\"", "\"\\ud800\"", "1e400", "-99999999999999999999999999",
                "9223372036854775808", "1.5", "true", "[]", "{}", "\"" + "z".repeat(70_000) + "\""}) {
                texts.add("{\"" + property + "\":" + value + "}");
            }
        }
        List<byte[]> bodies = new ArrayList<>();
        for (String text : texts) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] garbage = new byte[2048];
        random.nextBytes(garbage);
        bodies.add(garbage);
        bodies.add(new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        return bodies;
    }

    private static void check(List<String> failures, String method, String target, String auth, String type, byte[] body) {
        String what = method + " " + (target.length() > 120 ? target.substring(0, 120) + "…" : target)
                + (auth == null ? " (anonymous)" : "") + (body == null ? "" : " body " + new String(body, 0,
                Math.min(body.length, 40), StandardCharsets.ISO_8859_1) + (type == null ? "" : " as " + type));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        if (auth != null) {
            head.append("Authorization: ").append(auth).append("\r\n");
        }
        if (type != null) {
            head.append("Content-Type: ").append(type).append("\r\n");
        }
        head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\nConnection: close\r\n\r\n");
        wire.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            wire.writeBytes(body);
        }
        RawHttp.Response response;
        try (RawHttp http = new RawHttp()) {
            http.socket.setSoTimeout(15_000);
            try {
                http.send(wire.toByteArray());
            } catch (IOException closedEarly) {
                // The server may answer and close before reading a body it refuses; the answer is still there.
            }
            response = http.read();
        } catch (IOException e) {
            failures.add(what + ": no answer (" + e.getMessage() + ")");
            return;
        }
        int status = response.status();
        if (status >= 500) {
            failures.add(what + ": " + status + " " + response.body());
        }
        if (status >= 400) {
            String contentType = response.header("Content-Type");
            if (contentType == null || !contentType.startsWith("application/problem+json")) {
                failures.add(what + ": " + status + " with Content-Type " + contentType);
                return;
            }
            try {
                JsonNode problem = JSON.readTree(response.body());
                for (String field : new String[] {"type", "title", "status", "code", "detail", "request_id"}) {
                    if (!problem.hasNonNull(field)) {
                        failures.add(what + ": " + status + " problem without " + field + ": " + response.body());
                    }
                }
                if (problem.path("status").asInt() != status
                        || !problem.path("request_id").asText().equals(response.header("X-Request-Id"))) {
                    failures.add(what + ": " + status + " problem status or request_id differs: " + response.body());
                }
            } catch (IOException e) {
                failures.add(what + ": " + status + " problem body is not JSON: " + response.body());
            }
        }
        for (String leak : LEAKS) {
            if (response.body().contains(leak) && !(status < 300 && !leak.equals("Exception"))) {
                failures.add(what + ": " + status + " body holds " + leak + ": " + response.body());
            }
        }
    }
}
