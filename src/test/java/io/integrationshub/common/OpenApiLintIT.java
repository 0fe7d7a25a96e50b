package io.integrationshub.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lints the OpenAPI document the packaged service serves with Spectral's spectral:oas ruleset
 * (src/test/spectral/ruleset.yaml): any error or warning fails the build. Spectral is installed, pinned,
 * under target/spectral by the build's pre-integration-test phase (src/test/spectral/install.sh).
 * Also pins that the served document is the one the build stored, from which the client of
 * ClientScenarioIT is generated.
 */
@QuarkusIntegrationTest
public class OpenApiLintIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPECTRAL = Path.of("target/spectral/node_modules/.bin/spectral");

    private static String served() {
        return given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
    }

    @Test
    void theServedDocumentIsTheStoredOne() throws Exception {
        JsonNode stored = JSON.readTree(Path.of("target/openapi/openapi.json").toFile());
        assertThat(JSON.readTree(served())).isEqualTo(stored);
    }

    @Test
    void spectralReportsNoErrorAndNoWarning() throws Exception {
        assertThat(SPECTRAL).as("Spectral is installed by ./mvnw verify (src/test/spectral/install.sh)").isExecutable();
        Path document = Path.of("target/openapi-served.json");
        Files.writeString(document, served(), StandardCharsets.UTF_8);
        Path report = Path.of("target/spectral-report.json");
        Process spectral = new ProcessBuilder(SPECTRAL.toString(), "lint", document.toString(),
                "--ruleset", "src/test/spectral/ruleset.yaml", "--format", "json", "--output", report.toString(),
                "--fail-severity", "warn", "--quiet")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(spectral.waitFor(3, TimeUnit.MINUTES)).as("Spectral finished").isTrue();
        JsonNode results = JSON.readTree(report.toFile());
        List<String> findings = new ArrayList<>();
        for (JsonNode result : results) {
            // Severity 0 is an error, 1 a warning; 2 (info) and 3 (hint) do not fail.
            if (result.path("severity").asInt() <= 1) {
                findings.add(result.path("code").asText() + " at " + result.path("path") + ": " + result.path("message").asText());
            }
        }
        assertThat(findings).as("Spectral findings (report: %s)", report).isEmpty();
        assertThat(spectral.exitValue()).isZero();
    }
}
