package io.integrationshub.hardening;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.support.Fixtures;
import io.integrationshub.support.Integrations;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Chunked request bodies of many transport chunks reach the REST layer byte for byte (issue 14, finding 1's body reader). */
@QuarkusTest
public class ChunkedBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void largeChunkedBodyRoundTripsByteExactly() throws Exception {
        UUID org = Fixtures.organisation();
        String admin = Fixtures.as(org, "admin");
        for (int repos : new int[] {200, 450}) {
            ObjectNode body = JSON.createObjectNode().put("provider", "github")
                    .put("profile_name", "chunked ünïcødé " + UUID.randomUUID());
            ArrayNode list = body.putObject("configuration").putArray("enabled_repos");
            for (int i = 0; i < repos; i++) {
                // Unique values, so that a byte shifted or zeroed anywhere changes the value read back.
                list.addObject().put("hostname", "github.com").put("github_org_name", "acme-" + i)
                        .put("repo_name", "repo-" + i + "-" + UUID.randomUUID());
            }
            body.putObject("credentials").put("token", Integrations.secret("ghp_"));
            byte[] bytes = JSON.writeValueAsBytes(body);
            assertThat(bytes.length).isBetween(20 * 1024, 60 * 1024);

            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(("POST /v1/orgs/" + org + "/integrations HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + admin
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            // Chunks of uneven sizes, some larger than the server's 8 KiB read size.
            int[] sizes = {1, 700, 9000, 3, 16 * 1024, 5000};
            for (int at = 0, i = 0; at < bytes.length; i++) {
                int size = Math.min(sizes[i % sizes.length], bytes.length - at);
                wire.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                wire.write(bytes, at, size);
                wire.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                at += size;
            }
            wire.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String location;
            try (RawHttp http = new RawHttp()) {
                RawHttp.Response response = http.send(wire.toByteArray()).read();
                assertThat(response.status()).as(response.head() + response.body()).isEqualTo(201);
                assertThat(JSON.readTree(response.body()).get("configuration").get("enabled_repos"))
                        .isEqualTo(body.get("configuration").get("enabled_repos"));
                assertThat(JSON.readTree(response.body()).get("profile_name")).isEqualTo(body.get("profile_name"));
                location = response.header("Location");
            }
            // Read back from the database, not only echoed.
            String read = given().header("Authorization", admin).when().get(location.replaceFirst("^https?://[^/]+", ""))
                    .then().statusCode(200).extract().asString();
            assertThat(JSON.readTree(read).get("configuration").get("enabled_repos"))
                        .isEqualTo(body.get("configuration").get("enabled_repos"));
        }
    }
}
