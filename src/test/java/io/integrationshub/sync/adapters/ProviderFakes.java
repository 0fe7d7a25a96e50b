package io.integrationshub.sync.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.integrationshub.outbound.OutboundHttp;
import io.integrationshub.outbound.TestOutboundConfig;
import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncAdapter;
import io.integrationshub.sync.SyncSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * One WireMock provider fake and one Vert.x for all sync tests of the JVM (started on first use,
 * stopped at exit), reset before each test. Adapters are built directly, without Quarkus.
 */
abstract class ProviderFakes {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final ObjectMapper JSON = new ObjectMapper();
    static final WireMockServer wireMock;
    static final Vertx vertx;
    private static final Map<String, ProviderHttp> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        wireMock = new WireMockServer(options().dynamicPort().containerThreads(12).jettyAcceptors(1));
        wireMock.start();
        vertx = Vertx.vertx();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            wireMock.stop();
            vertx.closeAndAwait();
        }));
    }

    @BeforeEach
    void resetFake() {
        wireMock.resetAll();
    }

    static int port() {
        return wireMock.port();
    }

    /** host:port of the fake, as a Jira site or registry host. */
    static String host() {
        return "localhost:" + port();
    }

    static String base() {
        return "http://localhost:" + port();
    }

    static ProviderHttp providerHttp() {
        return providerHttp(Duration.ofSeconds(3), 1000);
    }

    /** Cached per settings: each ProviderHttp holds a web client with its own connection pool. */
    static ProviderHttp providerHttp(Duration readTimeout, int maxPages) {
        return CLIENTS.computeIfAbsent(readTimeout.toMillis() + "/" + maxPages, k -> newProviderHttp(readTimeout, maxPages));
    }

    private static ProviderHttp newProviderHttp(Duration readTimeout, int maxPages) {
        TestOutboundConfig outbound = new TestOutboundConfig(Optional.of(List.of("localhost", "127.0.0.1")), false,
                Duration.ofSeconds(1), readTimeout, 1_000_000);
        return new ProviderHttp(new OutboundHttp(vertx, outbound), providers(maxPages));
    }

    static ProvidersConfig providers(int maxPages) {
        return new ProvidersConfig() {
            @Override
            public String hostScheme() {
                return "http";
            }

            @Override
            public int maxPages() {
                return maxPages;
            }

            @Override
            public String userAgent() {
                return "integrations-hub-test";
            }

            @Override
            public BitbucketCloud bitbucketCloud() {
                return ProviderFakes::base;
            }

            @Override
            public Pagerduty pagerduty() {
                return ProviderFakes::base;
            }

            @Override
            public Slack slack() {
                return ProviderFakes::base;
            }

            @Override
            public DockerHub dockerHub() {
                return ProviderFakes::base;
            }

            @Override
            public Ecr ecr() {
                return new Ecr() {
                    @Override
                    public Optional<java.net.URI> stsEndpoint() {
                        return Optional.of(java.net.URI.create(base() + "/sts"));
                    }

                    @Override
                    public Optional<java.net.URI> endpoint() {
                        return Optional.of(java.net.URI.create(base() + "/ecr"));
                    }

                    @Override
                    public Duration apiCallTimeout() {
                        return Duration.ofSeconds(30);
                    }
                };
            }
        };
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static SyncSource source(String provider, String configuration, Map<String, String> credentials) {
        return new SyncSource(provider, json(configuration), credentials);
    }

    static List<DiscoveredResource> discover(SyncAdapter adapter, SyncSource source) {
        return adapter.discover(source).await().atMost(WAIT);
    }

    static ProviderFailure failure(SyncAdapter adapter, SyncSource source) {
        Throwable failure = adapter.discover(source).onItemOrFailure().transform((item, f) -> {
            if (f == null) {
                fail("expected a failure, got " + item);
            }
            return f;
        }).await().atMost(WAIT);
        assertThat(failure).isInstanceOf(ProviderFailure.class);
        return (ProviderFailure) failure;
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    static DiscoveredResource byId(List<DiscoveredResource> resources, String externalId) {
        return resources.stream().filter(r -> r.externalId().equals(externalId)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + externalId + " in " + resources));
    }

    static List<String> ids(List<DiscoveredResource> resources) {
        return resources.stream().map(DiscoveredResource::externalId).toList();
    }

    static <T> List<String> map(List<T> list, Function<T, String> f) {
        return list.stream().map(f).toList();
    }
}
