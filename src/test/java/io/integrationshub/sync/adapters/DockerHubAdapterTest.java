package io.integrationshub.sync.adapters;

import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Docker Hub's own API as documented (docs.docker.com/reference/api/hub): auth token, then namespace repositories. */
class DockerHubAdapterTest extends ProviderFakes {
    static final String USER = "acme-bot";
    static final String PAT = "dckr_pat_FAKEdockerHub01";
    static final String JWT = "eyJhbGciOiJSUzI1NiJ9.FAKE.hubToken";
    final DockerHubAdapter adapter = new DockerHubAdapter(providerHttp());

    static String repository(String namespace, String name, boolean isPrivate) {
        return """
                {"name": "%s", "namespace": "%s", "repository_type": "image", "status": 1, "status_description": "active",
                 "description": "", "is_private": %s, "star_count": 0, "pull_count": 42,
                 "last_updated": "2026-11-20T10:15:30.123456Z", "date_registered": "2024-01-02T03:04:05Z",
                 "affiliation": "", "media_types": ["application/vnd.oci.image.index.v1+json"], "content_types": ["image"],
                 "categories": [], "storage_size": 1024}""".formatted(name, namespace, isPrivate);
    }

    static void stubToken() {
        wireMock.stubFor(post(urlEqualTo("/v2/auth/token"))
                .withRequestBody(equalToJson("{\"identifier\": \"" + USER + "\", \"secret\": \"" + PAT + "\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"" + JWT + "\"}")));
    }

    @Test
    void exchangesTheAccessTokenThenPagesTheNamespaceByNext() {
        stubToken();
        wireMock.stubFor(get(urlEqualTo("/v2/namespaces/acme/repositories?page_size=100"))
                .willReturn(aResponse().withStatus(200).withHeader("x-ratelimit-remaining", "179")
                        .withBody("{\"count\": 3, \"next\": \"" + base() + "/v2/namespaces/acme/repositories?page=2&page_size=100\", "
                                + "\"previous\": null, \"results\": [" + repository("acme", "api", true) + ","
                                + repository("acme", "web", false) + "]}")));
        wireMock.stubFor(get(urlEqualTo("/v2/namespaces/acme/repositories?page=2&page_size=100"))
                .willReturn(aResponse().withStatus(200)
                        .withBody("{\"count\": 3, \"next\": null, \"previous\": \"" + base()
                                + "/v2/namespaces/acme/repositories?page=1&page_size=100\", \"results\": ["
                                + repository("acme", "worker", false) + "]}")));

        List<DiscoveredResource> found = discover(adapter, source("docker-hub", "{\"namespace\": \"acme\"}",
                Map.of("username", USER, "access_token", PAT)));

        assertThat(ids(found)).containsExactly("acme/api", "acme/web", "acme/worker");
        DiscoveredResource api = byId(found, "acme/api");
        assertThat(api.kind()).isEqualTo("image");
        assertThat(api.url()).isEqualTo("https://hub.docker.com/r/acme/api");
        assertThat(api.metadata()).containsEntry("reference", "docker.io/acme/api").containsEntry("is_private", true);
        wireMock.verify(1, postRequestedFor(urlEqualTo("/v2/auth/token"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"identifier\": \"" + USER + "\", \"secret\": \"" + PAT + "\"}")));
        wireMock.verify(1, getRequestedFor(urlEqualTo("/v2/namespaces/acme/repositories?page_size=100"))
                .withHeader("Authorization", equalTo("Bearer " + JWT)));
        wireMock.verify(1, getRequestedFor(urlEqualTo("/v2/namespaces/acme/repositories?page=2&page_size=100"))
                .withHeader("Authorization", equalTo("Bearer " + JWT)));
        wireMock.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRefusedAccessTokenIsAuthAndNothingElseIsCalled() {
        wireMock.stubFor(post(urlEqualTo("/v2/auth/token")).willReturn(aResponse().withStatus(401)
                .withBody("{\"errinfo\": {}, \"detail\": \"Incorrect authentication credentials\", \"message\": \"Incorrect authentication credentials\"}")));

        ProviderFailure failure = failure(adapter, source("docker-hub", "{\"namespace\": \"acme\"}",
                Map.of("username", USER, "access_token", "dckr_pat_WRONG")));

        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        assertThat(failure.getMessage()).isEqualTo("docker-hub answered 401 on POST /v2/auth/token (credentials refused)")
                .doesNotContain("dckr_pat_WRONG");
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void anExhaustedRateLimitWaitsForTheReset() {
        stubToken();
        long reset = Instant.now().plusSeconds(600).getEpochSecond();
        wireMock.stubFor(get(urlEqualTo("/v2/namespaces/acme-bot/repositories?page_size=100")).willReturn(aResponse()
                .withStatus(429).withHeader("x-ratelimit-limit", "180").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(reset)).withBody("{\"message\": \"Too Many Requests\"}")));

        // No namespace configured: the username's own namespace.
        ProviderFailure failure = failure(adapter, source("docker-hub", "{}", Map.of("username", USER, "access_token", PAT)));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAt()).isEqualTo(Instant.ofEpochSecond(reset));
    }

    @Test
    void aNextUrlOnAnotherHostIsNotFollowed() {
        stubToken();
        wireMock.stubFor(get(urlEqualTo("/v2/namespaces/acme/repositories?page_size=100")).willReturn(aResponse().withStatus(200)
                .withBody("{\"next\": \"https://evil.test/v2/namespaces/acme/repositories?page=2\", \"results\": []}")));

        ProviderFailure failure = failure(adapter, source("docker-hub", "{\"namespace\": \"acme\"}",
                Map.of("username", USER, "access_token", PAT)));

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("another host");
    }
}
