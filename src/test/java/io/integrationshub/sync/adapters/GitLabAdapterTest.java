package io.integrationshub.sync.adapters;

import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
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

class GitLabAdapterTest extends ProviderFakes {
    static final String TOKEN = "glpat-FAKEgitlabTOKEN01";
    final GitLabAdapter adapter = new GitLabAdapter(providerHttp());

    static String project(long id, String path) {
        return """
                {"id": %d, "description": null, "name": "%s", "name_with_namespace": "%s",
                 "path": "%s", "path_with_namespace": "%s", "created_at": "2024-01-01T00:00:00.000Z",
                 "default_branch": "main", "ssh_url_to_repo": "git@gitlab.com:%s.git",
                 "http_url_to_repo": "https://gitlab.com/%s.git", "web_url": "https://gitlab.com/%s",
                 "visibility": "private", "archived": false}
                """.formatted(id, path, path, path, path, path, path, path);
    }

    SyncSource source(String configuration) {
        return source("gitlab", configuration, Map.of("token", TOKEN));
    }

    @Test
    void listsGroupProjectsFollowingXNextPage() {
        String list = "/api/v4/groups/acme%2Fplatform/projects?include_subgroups=true&per_page=100&page=";
        wireMock.stubFor(get(urlEqualTo(list + "1")).willReturn(aResponse().withStatus(200)
                .withHeader("X-Page", "1").withHeader("X-Next-Page", "2").withHeader("X-Per-Page", "100")
                .withBody("[" + project(11, "acme/platform/api") + "," + project(12, "acme/platform/sub/web") + "]")));
        wireMock.stubFor(get(urlEqualTo(list + "2")).willReturn(aResponse().withStatus(200)
                .withHeader("X-Page", "2").withHeader("X-Next-Page", "3")
                .withBody("[" + project(13, "acme/platform/ops") + "]")));
        wireMock.stubFor(get(urlEqualTo(list + "3")).willReturn(aResponse().withStatus(200)
                .withHeader("X-Page", "3").withHeader("X-Next-Page", "")
                .withBody("[" + project(14, "acme/platform/docs") + "]")));

        List<DiscoveredResource> found = discover(adapter,
                source("{\"api_base_url\": \"" + base() + "/api/v4\", \"group_path\": \"acme/platform\"}"));

        assertThat(ids(found)).containsExactly("11", "12", "13", "14");
        DiscoveredResource web = byId(found, "12");
        assertThat(web.kind()).isEqualTo("repository");
        assertThat(web.name()).isEqualTo("acme/platform/sub/web");
        assertThat(web.url()).isEqualTo("https://gitlab.com/acme/platform/sub/web");
        assertThat(web.metadata()).containsEntry("default_branch", "main").containsEntry("visibility", "private");
        for (int page = 1; page <= 3; page++) {
            wireMock.verify(1, getRequestedFor(urlEqualTo(list + page)).withHeader("PRIVATE-TOKEN", equalTo(TOKEN)));
        }
        wireMock.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void withoutGroupListsMembershipProjects() {
        wireMock.stubFor(get(urlEqualTo("/api/v4/projects?membership=true&per_page=100&page=1"))
                .willReturn(aResponse().withStatus(200).withBody("[" + project(7, "me/tool") + "]")));
        List<DiscoveredResource> found = discover(adapter, source("{\"api_base_url\": \"" + base() + "/api/v4\"}"));
        assertThat(ids(found)).containsExactly("7");
        wireMock.verify(1, getRequestedFor(urlEqualTo("/api/v4/projects?membership=true&per_page=100&page=1"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN)));
    }

    @Test
    void rateLimitResetHeaderGivesRetryAt() {
        long reset = Instant.now().plusSeconds(120).getEpochSecond();
        wireMock.stubFor(get(urlEqualTo("/api/v4/projects?membership=true&per_page=100&page=1"))
                .willReturn(aResponse().withStatus(429).withHeader("RateLimit-Remaining", "0")
                        .withHeader("RateLimit-Reset", String.valueOf(reset)).withBody("Retry later")));
        ProviderFailure failure = failure(adapter, source("{\"api_base_url\": \"" + base() + "/api/v4\"}"));
        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAt()).isEqualTo(Instant.ofEpochSecond(reset));
    }

    @Test
    void aBodyThatIsNotAListIsPermanent() {
        wireMock.stubFor(get(urlEqualTo("/api/v4/projects?membership=true&per_page=100&page=1"))
                .willReturn(aResponse().withStatus(200).withBody("<html>login</html>")));
        ProviderFailure failure = failure(adapter, source("{\"api_base_url\": \"" + base() + "/api/v4\"}"));
        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).isEqualTo("gitlab answered a body that is not JSON on GET /api/v4/projects");
    }
}
