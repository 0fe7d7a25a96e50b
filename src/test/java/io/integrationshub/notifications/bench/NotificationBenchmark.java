package io.integrationshub.notifications.bench;

import io.integrationshub.common.Ids;
import io.integrationshub.jobs.engine.JobEngine;
import io.integrationshub.support.Fixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/**
 * Notification delivery benchmark, excluded from the normal test run:
 * {@code ./mvnw -o test -Dtest=NotificationBenchmark -Dbench=true} (options: {@code -Dbench.integrations=100
 * -Dbench.events=30 -Dbench.latency.events=20}; any {@code hub.*} setting, e.g. {@code -Dhub.jobs.concurrency=16}).
 * A project with {@code bench.integrations} webhook integrations, each on its own path of one Vert.x
 * receiver on loopback (its own Vert.x instance) answering 204 at once. Events go through the API
 * (POST /v1/projects/{id}/events); every delivery runs the real path: job claim, load, decrypt, sign,
 * POST, record.
 * <ol>
 * <li>throughput: {@code bench.events} events posted back to back; deliveries per second from the first
 *     POST to the last delivery received;</li>
 * <li>latency: one event at a time on idle workers; for each delivery, from the event's 202 to the
 *     receiver reading the request (System.nanoTime in one JVM); p50/p90/p99/max over all deliveries.</li>
 * </ol>
 * Results are printed and written to target/bench/notifications.txt. Nothing is asserted about time.
 */
@QuarkusTest
@TestProfile(NotificationBenchmark.Profile.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class NotificationBenchmark {
    /** The application as it ships: without the JaCoCo probes the build adds to every other test's classes. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.jacoco.enabled", "false");
        }
    }

    @Inject
    Pool pool;
    @Inject
    JobEngine engine;

    private static final String EVENT = "{\"type\": \"deployment.succeeded\", \"data\": {\"summary\": \"bench\", \"build\": 42}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String baseUrl;
    private final Map<String, Long> received = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    @Test
    void benchmark() throws Exception {
        int integrations = Integer.getInteger("bench.integrations", 100);
        int events = Integer.getInteger("bench.events", 30);
        int latencyEvents = Integer.getInteger("bench.latency.events", 20);
        baseUrl = root.toString().replaceAll("/$", "");
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body -> {
            String id = request.getHeader("webhook-id");
            if (id != null) {
                received.put(id, System.nanoTime());
            }
            count.incrementAndGet();
            request.response().setStatusCode(204).end();
        }));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            UUID org = Fixtures.organisation();
            String auth = Fixtures.as(org, "admin");
            UUID project = Ids.newId();
            pool.preparedQuery("insert into projects (id, organisation_id, name, cloud_connection, created_at, updated_at, version) "
                            + "values ($1, $2, 'bench', 'disconnected', $3, $3, 1)")
                    .execute(Tuple.of(project, org, OffsetDateTime.now(ZoneOffset.UTC))).await().atMost(Duration.ofSeconds(10));
            for (int i = 0; i < integrations; i++) {
                given().header("Authorization", auth).contentType(ContentType.JSON)
                        .body(Map.of("type", "webhook", "configuration",
                                Map.of("url", "http://127.0.0.1:" + server.actualPort() + "/r/" + i)))
                        .post("/v1/projects/" + project + "/notification-integrations").then().statusCode(201);
            }
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                    "machine: %d cores, %s; engine concurrency %d; %d webhook integrations, one receiver on loopback%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    engine.settings().concurrency(), integrations));

            // Declared warm-up (as JMH's): one full round and a few latency events, not measured. The
            // first requests pay JIT compilation, connection set-up and statement preparation.
            throughput(auth, project, events, integrations);
            latency(auth, project, 3, integrations);
            for (int round = 1; round <= 2; round++) {
                double seconds = throughput(auth, project, events, integrations);
                int n = events * integrations;
                report.append(String.format(Locale.ROOT, "throughput round %d: %d events x %d = %d deliveries in %.2f s "
                        + "= %.0f deliveries/s end to end%n", round, events, integrations, n, seconds, n / seconds));
            }
            long[] latencies = latency(auth, project, latencyEvents, integrations);
            report.append(String.format(Locale.ROOT, "latency event accepted -> delivery received, %d events x %d "
                            + "deliveries, idle workers: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    latencyEvents, integrations, pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
                    latencies[latencies.length - 1] / 1e6));
            System.out.println("\n=== notification benchmark ===\n" + report);
            Path out = Path.of("target", "bench", "notifications.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report.toString());
        } finally {
            server.close();
            vertx.close();
        }
    }

    /** Events posted back to back; seconds from the first POST until every delivery was received. */
    private double throughput(String auth, UUID project, int events, int integrations) {
        maintain();
        int target = count.get() + events * integrations;
        long start = System.nanoTime();
        for (int e = 0; e < events; e++) {
            post(auth, project);
        }
        awaitCount(target);
        return (System.nanoTime() - start) / 1e9;
    }

    /** One event at a time: for each delivery, nanoseconds from the event's 202 to its arrival. */
    private long[] latency(String auth, UUID project, int events, int integrations) {
        List<Long> samples = new ArrayList<>();
        for (int e = 0; e < events; e++) {
            int target = count.get() + integrations;
            List<String> ids = post(auth, project);
            long accepted = System.nanoTime();
            awaitCount(target);
            for (String id : ids) {
                samples.add(Math.max(0, received.get(id) - accepted));
            }
            sleep(200); // idle workers again
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * One event through the API. A plain JDK client (kept-alive connection) rather than RestAssured, whose
     * Groovy machinery would take a large share of the 2 cores from the service being measured.
     */
    private List<String> post(String auth, UUID project) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/projects/" + project + "/events"))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EVENT)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new AssertionError("event answered " + response.statusCode() + ": " + response.body());
            }
            List<String> ids = new ArrayList<>();
            JSON.readTree(response.body()).path("deliveries").forEach(d -> ids.add(d.path("id").asText()));
            return ids;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What autovacuum does on a production server (this one runs with {@code autovacuum=off}): dead rows
     * of the previous round reclaimed and the planner's statistics refreshed, so every round starts from
     * the same state instead of planning the delivery statements on statistics of empty tables.
     */
    private void maintain() {
        String autovacuum = pool.query("select current_setting('autovacuum') as v").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getString("v");
        if (!"on".equals(autovacuum)) {
            pool.query("vacuum (analyze) jobs, notification_events, notification_deliveries, notification_delivery_attempts")
                    .execute().await().atMost(Duration.ofMinutes(2));
        }
    }

    private void awaitCount(int target) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (count.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + count.get() + " of " + target + " deliveries arrived");
            }
            sleep(1);
        }
    }

    private static double pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
