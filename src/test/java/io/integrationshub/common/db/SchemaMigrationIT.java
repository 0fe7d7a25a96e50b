package io.integrationshub.common.db;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service migrates an empty database at start on a thread of its own (SchemaMigration), and is
 * ready only with every migration applied; a migration that cannot run fails the start. Failsafe phase, real
 * jar, production profile, a schema of its own in the ITs' database (HUB_DB_*): the other ITs' service may still
 * be running on that database's public schema.
 */
class SchemaMigrationIT {
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String SCHEMA = "it_schema_migration";
    private static final String DATABASE = env("HUB_DB_HOST") + ":" + env("HUB_DB_PORT") + "/" + env("HUB_DB_NAME");
    private static final String URL = "jdbc:postgresql://" + DATABASE + "?currentSchema=" + SCHEMA;

    @Test
    void anEmptyDatabaseIsMigratedBesideTheStartAndReadyMeansMigrated() throws Exception {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("drop schema if exists " + SCHEMA + " cascade");
            sql.execute("create schema " + SCHEMA);
        }
        int port = freePort();
        Path log = Files.createTempFile("schema-migration", ".log");
        // Both of the service's datasources on the empty schema (search_path is passed to PostgreSQL at connect).
        Process service = start(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port), "QUARKUS_DATASOURCE_JDBC_URL", URL,
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + DATABASE + "?search_path=" + SCHEMA), log);
        try {
            assertThat(awaitReady(port, service)).as(read(log)).isTrue();
            try (Connection db = connect(); Statement sql = db.createStatement();
                    ResultSet applied = sql.executeQuery("select count(*) from " + SCHEMA + ".flyway_schema_history where success")) {
                applied.next();
                assertThat(applied.getInt(1)).isEqualTo(migrationFiles());
            }
            String output = read(log);
            String line = output.lines().filter(l -> l.contains("migration(s) applied")).findFirst().orElse("");
            assertThat(line).as(output)
                    .contains("schema of " + URL + " is current: " + migrationFiles() + " migration(s) applied")
                    .contains("\"threadName\":\"schema-migration\"");
        } finally {
            stop(service);
            Files.deleteIfExists(log);
            try (Connection db = connect(); Statement sql = db.createStatement()) {
                sql.execute("drop schema if exists " + SCHEMA + " cascade");
            }
        }
    }

    @Test
    void aMigrationThatCannotRunFailsTheStart() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("schema-migration", ".log");
        Process service = start(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port), "HUB_DB_NAME", "no_such_database"), log);
        try {
            assertThat(service.waitFor(120, TimeUnit.SECONDS)).as("the start ends").isTrue();
            String output = read(log);
            assertThat(service.exitValue()).as(output).isNotZero();
            assertThat(output).contains("schema migration of jdbc:postgresql://" + env("HUB_DB_HOST") + ":"
                    + env("HUB_DB_PORT") + "/no_such_database failed");
        } finally {
            stop(service);
            Files.deleteIfExists(log);
        }
    }

    private static Process start(Map<String, String> settings, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The ITs' environment, but without Quarkus' clean at start: the service starts as it does in production.
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_FLYWAY_"));
        builder.environment().putAll(settings);
        return builder.start();
    }

    private static boolean awaitReady(int port, Process service) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && service.isAlive()) {
            try {
                HttpURLConnection probe = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/ready")
                        .toURL().openConnection();
                probe.setConnectTimeout(1_000);
                probe.setReadTimeout(5_000);
                int status = probe.getResponseCode();
                probe.disconnect();
                if (status == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static void stop(Process service) throws InterruptedException {
        service.destroy();
        if (!service.waitFor(30, TimeUnit.SECONDS)) {
            service.destroyForcibly();
        }
    }

    private static int migrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".sql")).count();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + DATABASE, env("HUB_DB_USER"), env("HUB_DB_PASSWORD"));
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set (failsafe sets it from hub.it.db.*)");
        }
        return value;
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
