package io.integrationshub.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar's keyset command mode: {@code java -jar quarkus-run.jar keyset ...} manages a
 * keyset without starting the service (no database, no Maven). Runs in the failsafe phase, after
 * packaging, against the real jar.
 */
class KeysetCommandIT {
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    @TempDir
    Path dir;

    @Test
    void generatesAddsAndPromotesKeysWithoutStartingTheService() throws Exception {
        Path keyset = dir.resolve("keyset.json");

        Run generated = keyset("generate", keyset.toString());
        assertThat(generated.exitCode).as(generated.output).isZero();
        assertThat(generated.output).contains("generated").contains("primary key");
        assertThat(keyset).exists();
        // The service never started: no banner, no database connection attempt.
        assertThat(generated.output).doesNotContain("Listening on").doesNotContain("Flyway");

        Run added = keyset("add-key", keyset.toString());
        assertThat(added.exitCode).as(added.output).isZero();
        String newKeyId = added.output.replaceAll("(?s).*added key (\\d+).*", "$1");

        Run promoted = keyset("promote", keyset.toString(), newKeyId);
        assertThat(promoted.exitCode).as(promoted.output).isZero();
        assertThat(promoted.output).contains("key " + newKeyId + " is now the primary");

        // Key material never reaches the output.
        String material = Files.readString(keyset);
        String value = material.replaceAll("(?s).*\"value\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        assertThat(generated.output + added.output + promoted.output).doesNotContain(value);
    }

    @Test
    void refusesToOverwriteAndReportsUsage() throws Exception {
        Path keyset = dir.resolve("keyset.json");
        assertThat(keyset("generate", keyset.toString()).exitCode).isZero();
        Run again = keyset("generate", keyset.toString());
        assertThat(again.exitCode).isEqualTo(1);
        assertThat(again.output).contains("already exists");

        Run usage = keyset();
        assertThat(usage.exitCode).isEqualTo(2);
        assertThat(usage.output).contains("usage: KeysetTool");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run keyset(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "keyset"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
            throw new AssertionError("keyset command did not finish within 60 s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
