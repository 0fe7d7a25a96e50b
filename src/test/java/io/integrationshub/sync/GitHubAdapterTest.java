package io.integrationshub.sync;

import io.integrationshub.sync.ProviderFailure.Kind;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class GitHubAdapterTest extends ProviderFakes {
    static final String TOKEN = "ghp_FAKEgithubTOKEN0001";
    final GitHubAdapter adapter = new GitHubAdapter(providerHttp());

    static String repo(long id, String fullName, boolean isPrivate) {
        return """
                {"id": %d, "node_id": "R_kgDO%d", "name": "%s", "full_name": "%s", "private": %s,
                 "owner": {"login": "%s", "id": 1, "type": "Organization"},
                 "html_url": "https://github.com/%s", "description": null, "fork": false,
                 "url": "https://api.github.com/repos/%s", "default_branch": "main",
                 "archived": false, "disabled": false, "visibility": "%s"}
                """.formatted(id, id, fullName.split("/")[1], fullName, isPrivate, fullName.split("/")[0], fullName,
                fullName, isPrivate ? "private" : "public");
    }

    SyncSource source(String configuration) {
        return source("github", configuration, Map.of("token", TOKEN));
    }

    @Test
    void listsUserReposFollowingLinkHeadersToTheEnd() {
        String pages = base() + "/user/repos?per_page=100&page=";
        wireMock.stubFor(get("/user/repos?per_page=100").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Link", "<" + pages + "2>; rel=\"next\", <" + pages + "3>; rel=\"last\"")
                .withBody("[" + repo(1296269, "acme/api", false) + "," + repo(1296270, "acme/web", true) + "]")));
        wireMock.stubFor(get("/user/repos?per_page=100&page=2").willReturn(aResponse().withStatus(200)
                .withHeader("Link", "<" + pages + "1>; rel=\"prev\", <" + pages + "3>; rel=\"next\", <" + pages
                        + "3>; rel=\"last\", <" + pages + "1>; rel=\"first\"")
                .withBody("[" + repo(1296271, "acme/ops", false) + "]")));
        wireMock.stubFor(get("/user/repos?per_page=100&page=3").willReturn(aResponse().withStatus(200)
                .withHeader("Link", "<" + pages + "2>; rel=\"prev\", <" + pages + "1>; rel=\"first\"")
                .withBody("[" + repo(1296272, "other/lib", false) + "]")));

        List<DiscoveredResource> found = discover(adapter, source("{\"api_base_url\": \"" + base() + "/\"}"));

        assertThat(ids(found)).containsExactly("1296269", "1296270", "1296271", "1296272");
        DiscoveredResource web = byId(found, "1296270");
        assertThat(web.kind()).isEqualTo("repository");
        assertThat(web.name()).isEqualTo("acme/web");
        assertThat(web.url()).isEqualTo("https://github.com/acme/web");
        assertThat(web.metadata()).containsEntry("default_branch", "main").containsEntry("private", true)
                .containsEntry("archived", false).containsEntry("visibility", "private");
        for (String query : new String[] { "per_page=100", "per_page=100&page=2", "per_page=100&page=3" }) {
            wireMock.verify(1, getRequestedFor(urlEqualTo("/user/repos?" + query))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .withHeader("Accept", equalTo("application/vnd.github+json"))
                    .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                    .withHeader("User-Agent", equalTo("integrations-hub-test")));
        }
        wireMock.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void enabledReposAreFetchedOneByOneAndVanishedOnesLeftOut() {
        wireMock.stubFor(get("/repos/acme/api").willReturn(aResponse().withStatus(200).withBody(repo(1, "acme/api", true))));
        wireMock.stubFor(get("/repos/acme/gone").willReturn(aResponse().withStatus(404)
                .withBody("{\"message\": \"Not Found\", \"documentation_url\": \"https://docs.github.com/rest\"}")));
        wireMock.stubFor(get("/repos/beta/web.site").willReturn(aResponse().withStatus(200).withBody(repo(3, "beta/web.site", false))));

        List<DiscoveredResource> found = discover(adapter, source("""
                {"api_base_url": "%s", "enabled_repos": [
                  {"hostname": "github.com", "github_org_name": "acme", "repo_name": "api"},
                  {"hostname": "github.com", "github_org_name": "acme", "repo_name": "gone"},
                  {"hostname": "github.com", "github_org_name": "acme", "repo_name": "api"},
                  {"hostname": "github.com", "github_org_name": "beta", "repo_name": "web.site"}]}
                """.formatted(base())));

        assertThat(map(found, DiscoveredResource::name)).containsExactly("acme/api", "beta/web.site");
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/repos/acme/api")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/repos/acme/gone")));
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/repos/beta/web.site")));
        wireMock.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void exhaustedPrimaryRateLimitIsRateLimitedUntilTheReset() {
        long reset = Instant.now().plusSeconds(600).getEpochSecond();
        wireMock.stubFor(get("/user/repos?per_page=100").willReturn(aResponse().withStatus(403)
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(reset))
                .withBody("{\"message\": \"API rate limit exceeded for user ID 1.\"}")));
        ProviderFailure failure = failure(adapter, source("{\"api_base_url\": \"" + base() + "\"}"));
        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAt()).isEqualTo(Instant.ofEpochSecond(reset));
        assertThat(failure.providerStatus()).isEqualTo(403);
    }

    @Test
    void secondaryRateLimitUsesRetryAfter() {
        wireMock.stubFor(get("/repos/acme/api").willReturn(aResponse().withStatus(403).withHeader("Retry-After", "60")
                .withBody("{\"message\": \"You have exceeded a secondary rate limit.\"}")));
        ProviderFailure failure = failure(adapter, source("""
                {"api_base_url": "%s", "enabled_repos": [{"hostname": "github.com", "github_org_name": "acme", "repo_name": "api"}]}
                """.formatted(base())));
        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAt()).isBetween(Instant.now().plusSeconds(55), Instant.now().plusSeconds(61));
    }

    @Test
    void forbiddenWithoutRateLimitIsAuth() {
        wireMock.stubFor(get("/repos/acme/api").willReturn(aResponse().withStatus(403)
                .withHeader("X-RateLimit-Remaining", "4999").withBody("{\"message\": \"Resource not accessible by integration\"}")));
        ProviderFailure failure = failure(adapter, source("""
                {"api_base_url": "%s", "enabled_repos": [{"hostname": "github.com", "github_org_name": "acme", "repo_name": "api"}]}
                """.formatted(base())));
        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        assertThat(failure.code()).isEqualTo("provider_auth_failed");
        assertThat(failure.getMessage()).isEqualTo("github answered 403 on GET /repos/acme/api (credentials refused)");
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() {
        wireMock.stubFor(get("/user/repos?per_page=100").willReturn(aResponse().withStatus(200)
                .withHeader("Link", "<https://attacker.example/collect?page=2>; rel=\"next\"")
                .withBody("[" + repo(1, "acme/api", false) + "]")));
        ProviderFailure failure = failure(adapter, source("{\"api_base_url\": \"" + base() + "\"}"));
        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("another host");
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMissingTokenIsAuthWithoutAnyCall() {
        ProviderFailure failure = failure(adapter, new SyncSource("github", json("{}"), Map.of()));
        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void pagesAreCapped() {
        GitHubAdapter capped = new GitHubAdapter(providerHttp(java.time.Duration.ofSeconds(3), 2));
        for (int page = 1; page <= 3; page++) {
            wireMock.stubFor(get(page == 1 ? "/user/repos?per_page=100" : "/user/repos?per_page=100&page=" + page)
                    .willReturn(aResponse().withStatus(200)
                            .withHeader("Link", "<" + base() + "/user/repos?per_page=100&page=" + (page + 1) + ">; rel=\"next\"")
                            .withBody("[" + repo(page, "acme/r" + page, false) + "]")));
        }
        ProviderFailure failure = failure(capped, source("{\"api_base_url\": \"" + base() + "\"}"));
        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("more than 2 pages");
        wireMock.verify(2, anyRequestedFor(anyUrl()));
    }
}
