package io.integrationshub.sync.adapters;

import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class BitbucketCloudAdapterTest extends ProviderFakes {
    static final Map<String, String> CREDENTIALS = Map.of("username", "bb-user", "app_password", "ATBBfakeAppPassword01");
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("bb-user:ATBBfakeAppPassword01".getBytes());
    final BitbucketCloudAdapter adapter = new BitbucketCloudAdapter(providerHttp());

    static String repo(String uuid, String fullName) {
        return """
                {"type": "repository", "uuid": "{%s}", "full_name": "%s", "name": "%s", "slug": "%s",
                 "is_private": true, "scm": "git", "mainbranch": {"type": "branch", "name": "main"},
                 "links": {"html": {"href": "https://bitbucket.org/%s"}, "self": {"href": "https://api.bitbucket.org/2.0/repositories/%s"}}}
                """.formatted(uuid, fullName, fullName.split("/")[1], fullName.split("/")[1], fullName, fullName);
    }

    @Test
    void followsNextUrlsToTheEnd() {
        String path = "/2.0/repositories/acme-ws";
        wireMock.stubFor(get(urlEqualTo(path + "?pagelen=100")).willReturn(aResponse().withStatus(200).withBody("""
                {"pagelen": 2, "size": 5, "page": 1, "next": "%s?pagelen=100&page=2",
                 "values": [%s, %s]}""".formatted(base() + path, repo("u-1", "acme-ws/api"), repo("u-2", "acme-ws/web")))));
        wireMock.stubFor(get(urlEqualTo(path + "?pagelen=100&page=2")).willReturn(aResponse().withStatus(200).withBody("""
                {"pagelen": 2, "size": 5, "page": 2, "next": "%s?pagelen=100&page=3", "previous": "%s?pagelen=100",
                 "values": [%s, %s]}""".formatted(base() + path, base() + path, repo("u-3", "acme-ws/ops"), repo("u-4", "acme-ws/lib")))));
        wireMock.stubFor(get(urlEqualTo(path + "?pagelen=100&page=3")).willReturn(aResponse().withStatus(200).withBody("""
                {"pagelen": 2, "size": 5, "page": 3, "values": [%s]}""".formatted(repo("u-5", "acme-ws/docs")))));

        List<DiscoveredResource> found = discover(adapter, source("bitbucket-cloud", "{\"workspace\": \"acme-ws\"}", CREDENTIALS));

        assertThat(ids(found)).containsExactly("{u-1}", "{u-2}", "{u-3}", "{u-4}", "{u-5}");
        DiscoveredResource ops = byId(found, "{u-3}");
        assertThat(ops.name()).isEqualTo("acme-ws/ops");
        assertThat(ops.url()).isEqualTo("https://bitbucket.org/acme-ws/ops");
        assertThat(ops.metadata()).containsEntry("private", true).containsEntry("default_branch", "main").containsEntry("slug", "ops");
        for (String q : new String[] { "?pagelen=100", "?pagelen=100&page=2", "?pagelen=100&page=3" }) {
            wireMock.verify(1, getRequestedFor(urlEqualTo(path + q)).withHeader("Authorization", equalTo(BASIC)));
        }
        wireMock.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void aNextUrlOnAnotherHostIsNotFollowed() {
        wireMock.stubFor(get(urlEqualTo("/2.0/repositories/acme-ws?pagelen=100")).willReturn(aResponse().withStatus(200)
                .withBody("{\"next\": \"http://127.0.0.1:" + port() + "/2.0/repositories/acme-ws?page=2\", \"values\": []}")));
        ProviderFailure failure = failure(adapter, source("bitbucket-cloud", "{\"workspace\": \"acme-ws\"}", CREDENTIALS));
        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("another host");
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMissingWorkspaceIsPermanent() {
        ProviderFailure failure = failure(adapter, source("bitbucket-cloud", "{}", CREDENTIALS));
        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("workspace");
    }
}
