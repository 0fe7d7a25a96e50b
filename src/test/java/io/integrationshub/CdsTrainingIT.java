package io.integrationshub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar's cds-training command, run as the JVM image's build runs it (no database reachable,
 * Flyway skipped): it starts the service, exits on its own with status 0, and the JVM writes an AppCDS
 * archive that a later start maps the application's own classes from. Failsafe phase, real jar.
 */
class CdsTrainingIT {
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    @TempDir
    Path dir;

    @Test
    void trainingStartExitsAndItsArchiveHoldsTheApplicationsClasses() throws Exception {
        Path archive = dir.resolve("app-cds.jsa");
        Path classes = dir.resolve("app-cds.classes");
        Run training = java(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Xlog:class+load=info:file=" + classes + ":none:filecount=0",
                "-Dhub.db.migrate-at-start=false", "-jar", JAR.toString(), "cds-training"));
        assertThat(training.exitCode).as(training.output).isZero();
        // Ready means the database answered: here it cannot, and the probe says so instead of hanging.
        assertThat(training.output).contains("cds-training: readiness 503");
        assertThat(archive).exists();
        assertThat(Files.size(archive)).isGreaterThan(10L * 1024 * 1024);
        // The class list the service's start preloads (ClassPreloader), in the JVM's undecorated format.
        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).hasSizeGreaterThan(5_000)
                .anyMatch(line -> "io.integrationshub.HubMain".equals(ClassPreloader.className(line)))
                .anyMatch(line -> "io.quarkus.runtime.Quarkus".equals(ClassPreloader.className(line)));

        // -Xshare:on refuses to start with an archive it cannot use; the keyset command ends before the service would.
        Run using = java(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-Xlog:class+load=info",
                "-jar", JAR.toString(), "keyset", "generate", dir.resolve("keyset.json").toString()));
        assertThat(using.exitCode).as(using.output).isZero();
        assertThat(using.output).containsPattern("io\\.integrationshub\\.HubMain source: shared objects file");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run java(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // Only the training's own settings: failsafe's (a reachable database, Flyway clean at start) would hide what the image build sees.
        env.keySet().removeIf(name -> name.startsWith("HUB_") || name.startsWith("QUARKUS_"));
        env.putAll(Map.of("HUB_DB_HOST", "127.0.0.1", "HUB_DB_PORT", "1", "HUB_DB_NAME", "training", "HUB_DB_USER", "training",
                "HUB_DB_PASSWORD", "training", "HUB_JWT_ISSUER", "https://training.invalid",
                "HUB_JWT_PUBLIC_KEY_LOCATION", "/nonexistent.pem", "HUB_SECRETS_GENERATE_IF_MISSING", "true",
                "QUARKUS_HTTP_PORT", String.valueOf(freePort()), "QUARKUS_LOG_LEVEL", "ERROR"));
        Path log = Files.createTempFile("cds-training", ".log");
        Process process = builder.redirectOutput(log.toFile()).start();
        boolean done = process.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
            throw new AssertionError("did not finish within 180 s: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(process.exitValue(), output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
