package io.integrationshub.outbound;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundHttpTest {
    static final Duration WAIT = Duration.ofSeconds(5);
    static WireMockServer wireMock;
    static Vertx vertx;

    @BeforeAll
    static void start() {
        wireMock = new WireMockServer(options().dynamicPort().containerThreads(8).jettyAcceptors(1));
        wireMock.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        wireMock.stop();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    OutboundHttp http(TestOutboundConfig config) {
        return new OutboundHttp(vertx, config);
    }

    URI url(String host, String pathAndQuery) {
        return URI.create("http://" + host + ":" + wireMock.port() + pathAndQuery);
    }

    @Test
    void allowListedHostIsReachedWithItsOwnHostHeader() {
        wireMock.stubFor(get("/hello?x=1").willReturn(aResponse().withStatus(200).withBody("hi")));
        OutboundResponse response = http(TestOutboundConfig.loopbackAllowed())
                .get(url("localhost", "/hello?x=1"), Map.of("X-Test", "yes")).await().atMost(WAIT);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsString()).isEqualTo("hi");
        wireMock.verify(1, getRequestedFor(urlEqualTo("/hello?x=1"))
                .withHeader("Host", equalTo("localhost:" + wireMock.port()))
                .withHeader("X-Test", equalTo("yes")));
    }

    @Test
    void postsABody() {
        wireMock.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
        OutboundResponse response = http(TestOutboundConfig.loopbackAllowed())
                .send(HttpMethod.POST, url("127.0.0.1", "/hook"), Map.of("Content-Type", "application/json"),
                        Buffer.buffer("{\"a\":1}"))
                .await().atMost(WAIT);
        assertThat(response.statusCode()).isEqualTo(204);
        wireMock.verify(postRequestedFor(urlEqualTo("/hook")).withRequestBody(equalTo("{\"a\":1}")));
    }

    @Test
    void loopbackIsRefusedUnlessAllowListedAndNothingIsSent() {
        OutboundHttp guarded = http(TestOutboundConfig.loopbackAllowed().withAllowedHosts());
        for (String host : new String[] { "127.0.0.1", "localhost", "[::1]" }) {
            assertThatThrownBy(() -> guarded.get(url(host, "/secret-path?token=s3cr3t"), Map.of("Authorization", "Bearer t0k3n"))
                    .await().atMost(WAIT))
                    .isInstanceOf(OutboundRefusedException.class)
                    .hasMessageContaining("loopback")
                    .hasMessageNotContaining("secret-path")
                    .hasMessageNotContaining("s3cr3t")
                    .hasMessageNotContaining("t0k3n");
        }
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void allowListIsPerHostName() {
        wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        OutboundHttp onlyLocalhost = http(TestOutboundConfig.loopbackAllowed().withAllowedHosts("LOCALHOST"));
        assertThat(onlyLocalhost.get(url("localhost", "/"), Map.of()).await().atMost(WAIT).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> onlyLocalhost.get(url("127.0.0.1", "/"), Map.of()).await().atMost(WAIT))
                .isInstanceOf(OutboundRefusedException.class);
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void internalDestinationsAreRefusedBeforeConnecting() {
        OutboundHttp guarded = http(TestOutboundConfig.loopbackAllowed().withAllowedHosts());
        for (String host : new String[] { "10.0.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "192.168.1.20",
                "[fd00::1]", "[fe80::1]", "[::ffff:127.0.0.1]" }) {
            assertThatThrownBy(() -> guarded.get(URI.create("http://" + host + "/latest/meta-data"), Map.of())
                    .await().atMost(WAIT))
                    .as(host)
                    .isInstanceOf(OutboundRefusedException.class)
                    .hasMessageContaining("not on hub.outbound.allowed-hosts");
        }
    }

    @Test
    void httpsIsRequiredWhenConfigured() {
        OutboundHttp strict = http(TestOutboundConfig.loopbackAllowed().withRequireHttps(true));
        assertThatThrownBy(() -> strict.get(url("localhost", "/x"), Map.of()).await().atMost(WAIT))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("https is required");
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void otherSchemesAndUserInfoAreRefused() {
        OutboundHttp http = http(TestOutboundConfig.loopbackAllowed());
        assertThatThrownBy(() -> http.get(URI.create("ftp://localhost/x"), Map.of()).await().atMost(WAIT))
                .isInstanceOf(OutboundRefusedException.class).hasMessageContaining("only http and https");
        assertThatThrownBy(() -> http.get(URI.create("http://user:pa55word@localhost:" + wireMock.port() + "/x"), Map.of())
                .await().atMost(WAIT))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("user info")
                .hasMessageNotContaining("pa55word");
        assertThatThrownBy(() -> http.get(URI.create("/relative"), Map.of()).await().atMost(WAIT))
                .isInstanceOf(OutboundRefusedException.class);
    }

    /** Issue 14 finding 12: refused before any connection, even where loopback is allowed. */
    @Test
    void ambiguousNumericHostsAreRefusedBeforeConnecting() {
        OutboundHttp http = http(TestOutboundConfig.loopbackAllowed());
        for (String host : new String[] {"0177.0.0.1", "0x7f.1", "127.1"}) {
            assertThatThrownBy(() -> http.get(url(host, "/x"), Map.of()).await().atMost(WAIT))
                    .as(host).isInstanceOf(OutboundRefusedException.class);
        }
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void redirectsAreNotFollowed() {
        wireMock.stubFor(get("/from").willReturn(aResponse().withStatus(302).withHeader("Location", "/to")));
        wireMock.stubFor(get("/to").willReturn(aResponse().withStatus(200)));
        OutboundResponse response = http(TestOutboundConfig.loopbackAllowed()).get(url("localhost", "/from"), Map.of())
                .await().atMost(WAIT);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/to");
        wireMock.verify(0, getRequestedFor(urlEqualTo("/to")));
    }

    @Test
    void aSilentServerHitsTheReadTimeout() {
        wireMock.stubFor(get("/slow-secret").willReturn(aResponse().withStatus(200).withFixedDelay(1500)));
        long started = System.nanoTime();
        Throwable failure = failureOf(http(TestOutboundConfig.loopbackAllowed()).get(url("localhost", "/slow-secret"), Map.of()));
        assertThat(failure).isInstanceOf(TimeoutException.class).hasMessageNotContaining("slow-secret");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
    }

    @Test
    void aBodyOverTheLimitIsAborted() {
        wireMock.stubFor(get("/big").willReturn(aResponse().withStatus(200).withBody("x".repeat(50_000))));
        wireMock.stubFor(get("/small").willReturn(aResponse().withStatus(200).withBody("x".repeat(900))));
        OutboundHttp limited = http(TestOutboundConfig.loopbackAllowed().withMaxResponseBytes(1000));
        assertThatThrownBy(() -> limited.get(url("localhost", "/big"), Map.of()).await().atMost(WAIT))
                .isInstanceOf(ResponseTooLargeException.class);
        assertThat(limited.get(url("localhost", "/small"), Map.of()).await().atMost(WAIT).body().length()).isEqualTo(900);
    }

    @Test
    void anUnreachablePortFailsFast() {
        assertThat(failureOf(http(TestOutboundConfig.loopbackAllowed()).get(URI.create("http://127.0.0.1:1/x"), Map.of())))
                .isInstanceOf(java.net.ConnectException.class);
    }

    static Throwable failureOf(Uni<?> uni) {
        return uni.onItemOrFailure().transform((item, failure) -> failure).await().atMost(WAIT);
    }
}
