package io.integrationshub.sync.adapters;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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

    static String list(String... repos) {
        return "[" + String.join(",", repos) + "]";
    }

    SyncSource source(String configuration) {
        return source("github", configuration, Map.of("token", TOKEN));
    }

    /** A configuration enabling owner/repo pairs, e.g. "acme/api". */
    SyncSource enabled(String... ownerSlashRepo) {
        return source("{\"api_base_url\": \"" + base() + "/\", \"enabled_repos\": [" + Arrays.stream(ownerSlashRepo)
                .map(r -> "{\"hostname\": \"github.com\", \"github_org_name\": \"" + r.split("/")[0]
                        + "\", \"repo_name\": \"" + r.split("/")[1] + "\"}")
                .collect(Collectors.joining(",")) + "]}");
    }

    static String orgFirstPage(String owner) {
        return "/orgs/" + owner + "/repos?per_page=100&type=all";
    }

    /** The listing request of one owner's first page with every header the contract names. */
    static RequestPatternBuilder orgListing(String owner) {
        return getRequestedFor(urlPathEqualTo("/orgs/" + owner + "/repos"))
                .withQueryParam("per_page", equalTo("100"))
                .withQueryParam("type", equalTo("all"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withHeader("User-Agent", equalTo("integrations-hub-test"));
    }

    @Test
    void listsAnOrganisationFollowingLinkHeadersToTheEndAndKeepsOnlyEnabledRepos() {
        // GitHub's next links point to /organizations/{id}/repos, not back to /orgs/{org}/repos.
        String pages = base() + "/organizations/9919/repos?per_page=100&type=all&page=";
        wireMock.stubFor(get(urlEqualTo(orgFirstPage("Acme"))).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Link", "<" + pages + "2>; rel=\"next\", <" + pages + "3>; rel=\"last\"")
                .withBody(list(repo(1296269, "acme/api", false), repo(1296270, "acme/web", true),
                        repo(1296280, "acme/docs", false)))));
        wireMock.stubFor(get(urlEqualTo("/organizations/9919/repos?per_page=100&type=all&page=2")).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Link", "<" + pages + "1>; rel=\"prev\", <" + pages + "3>; rel=\"next\", <" + pages
                        + "3>; rel=\"last\", <" + pages + "1>; rel=\"first\"")
                .withBody(list(repo(1296281, "acme/infra", false), repo(1296271, "acme/Ops", false)))));
        wireMock.stubFor(get(urlEqualTo("/organizations/9919/repos?per_page=100&type=all&page=3")).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Link", "<" + pages + "2>; rel=\"prev\", <" + pages + "1>; rel=\"first\"")
                // A repository moved between pages while they were read appears twice: kept once.
                .withBody(list(repo(1296270, "acme/web", true), repo(1296282, "acme/secret", true)))));

        // The owner's configured spelling is the one in the URL; names match case-insensitively.
        List<DiscoveredResource> found = discover(adapter, enabled("Acme/API", "Acme/web", "Acme/ops", "Acme/not-there"));

        assertThat(map(found, DiscoveredResource::name)).containsExactly("acme/api", "acme/web", "acme/Ops");
        assertThat(ids(found)).containsExactly("1296269", "1296270", "1296271");
        DiscoveredResource web = byId(found, "1296270");
        assertThat(web.kind()).isEqualTo("repository");
        assertThat(web.url()).isEqualTo("https://github.com/acme/web");
        assertThat(web.metadata()).containsEntry("default_branch", "main").containsEntry("private", true)
                .containsEntry("archived", false).containsEntry("visibility", "private");
        wireMock.verify(1, orgListing("Acme").withoutQueryParam("page"));
        for (String page : new String[] { "2", "3" }) {
            wireMock.verify(1, getRequestedFor(urlPathEqualTo("/organizations/9919/repos"))
                    .withQueryParam("per_page", equalTo("100")).withQueryParam("type", equalTo("all"))
                    .withQueryParam("page", equalTo(page))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .withHeader("Accept", equalTo("application/vnd.github+json"))
                    .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                    .withHeader("User-Agent", equalTo("integrations-hub-test")));
        }
        wireMock.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void eachOwnerIsListedOnceCaseInsensitively() {
        wireMock.stubFor(get(urlEqualTo(orgFirstPage("acme"))).willReturn(aResponse().withStatus(200)
                .withBody(list(repo(1, "acme/api", true), repo(2, "acme/web", false)))));
        wireMock.stubFor(get(urlEqualTo(orgFirstPage("beta"))).willReturn(aResponse().withStatus(200)
                .withBody(list(repo(3, "beta/web.site", false), repo(4, "beta/lib", false), repo(5, "beta/api", false)))));

        List<DiscoveredResource> found = discover(adapter,
                enabled("acme/api", "beta/web.site", "ACME/Api", "beta/lib", "Acme/api"));

        assertThat(map(found, DiscoveredResource::name)).containsExactly("acme/api", "beta/web.site", "beta/lib");
        wireMock.verify(1, orgListing("acme"));
        wireMock.verify(1, orgListing("beta"));
        wireMock.verify(2, anyRequestedFor(anyUrl()));
    }

    @Test
    void aUserAccountOwnerFallsBackToOneCallPerEnabledRepoAndVanishedOnesAreLeftOut() {
        wireMock.stubFor(get(urlPathEqualTo("/orgs/octocat/repos")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\": \"Not Found\", \"documentation_url\": \"https://docs.github.com/rest\"}")));
        wireMock.stubFor(get("/repos/octocat/hello-world").willReturn(aResponse().withStatus(200)
                .withBody(repo(1, "octocat/hello-world", false))));
        wireMock.stubFor(get("/repos/octocat/gone").willReturn(aResponse().withStatus(404)
                .withBody("{\"message\": \"Not Found\"}")));
        wireMock.stubFor(get(urlEqualTo(orgFirstPage("acme"))).willReturn(aResponse().withStatus(200)
                .withBody(list(repo(2, "acme/api", false)))));

        List<DiscoveredResource> found = discover(adapter, enabled("octocat/hello-world", "octocat/gone", "acme/api"));

        assertThat(map(found, DiscoveredResource::name)).containsExactly("octocat/hello-world", "acme/api");
        assertThat(byId(found, "1").url()).isEqualTo("https://github.com/octocat/hello-world");
        wireMock.verify(1, orgListing("octocat"));
        wireMock.verify(1, getRequestedFor(urlEqualTo("/repos/octocat/hello-world"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
        wireMock.verify(1, getRequestedFor(urlEqualTo("/repos/octocat/gone")));
        wireMock.verify(1, orgListing("acme"));
        wireMock.verify(4, anyRequestedFor(anyUrl()));
    }

    /** GET /user/repos?per_page=100 with every header the contract names. */
    static RequestPatternBuilder userRepos(String page) {
        RequestPatternBuilder request = getRequestedFor(urlPathEqualTo("/user/repos"))
                .withQueryParam("per_page", equalTo("100"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"));
        return page == null ? request.withQueryParam("page", absent()) : request.withQueryParam("page", equalTo(page));
    }

    @Test
    void nothingEnabledListsEveryRepositoryTheTokenCanSeeFollowingLinkPages() {
        wireMock.stubFor(get(urlEqualTo("/user/repos?per_page=100")).willReturn(aResponse().withStatus(200)
                .withHeader("Link", "<" + base() + "/user/repos?per_page=100&page=2>; rel=\"next\", <" + base()
                        + "/user/repos?per_page=100&page=2>; rel=\"last\"")
                .withBody(list(repo(1, "acme/api", true), repo(2, "octocat/hello-world", false)))));
        wireMock.stubFor(get(urlEqualTo("/user/repos?per_page=100&page=2")).willReturn(aResponse().withStatus(200)
                .withHeader("Link", "<" + base() + "/user/repos?per_page=100&page=1>; rel=\"prev\", <" + base()
                        + "/user/repos?per_page=100&page=1>; rel=\"first\"")
                .withBody(list(repo(3, "other-org/tool", false)))));

        for (String configuration : List.of("{\"api_base_url\": \"" + base() + "\"}",
                "{\"api_base_url\": \"" + base() + "\", \"enabled_repos\": []}")) {
            wireMock.resetRequests();
            List<DiscoveredResource> found = discover(adapter, source(configuration));

            assertThat(map(found, DiscoveredResource::name)).containsExactly("acme/api", "octocat/hello-world", "other-org/tool");
            assertThat(byId(found, "1").metadata()).containsEntry("private", true);
            wireMock.verify(1, userRepos(null));
            wireMock.verify(1, userRepos("2"));
            wireMock.verify(2, anyRequestedFor(anyUrl()));
        }
    }

    @Test
    void aWrongTokenWithNothingEnabledIsAuth() {
        wireMock.stubFor(get(urlPathEqualTo("/user/repos")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"message\": \"Bad credentials\", \"documentation_url\": \"https://docs.github.com/rest\", \"status\": \"401\"}")));

        ProviderFailure failure = failure(adapter, source("{\"api_base_url\": \"" + base() + "\"}"));

        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        assertThat(failure.code()).isEqualTo("provider_auth_failed");
        assertThat(failure.getMessage()).isEqualTo("github answered 401 on GET /user/repos (credentials refused)");
        wireMock.verify(1, userRepos(null));
    }

    @Test
    void whenNoEnabledRepoAnsweredTheTokenIsProvedWithUser() {
        wireMock.stubFor(get(urlPathEqualTo("/orgs/octocat/repos")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\": \"Not Found\"}")));
        wireMock.stubFor(get("/repos/octocat/gone").willReturn(aResponse().withStatus(404)
                .withBody("{\"message\": \"Not Found\"}")));
        wireMock.stubFor(get("/user").withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(200).withBody("{\"login\": \"octocat\", \"id\": 1}")));

        assertThat(discover(adapter, enabled("octocat/gone"))).isEmpty();
        wireMock.verify(1, getRequestedFor(urlEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
        wireMock.verify(3, anyRequestedFor(anyUrl()));

        wireMock.stubFor(get("/user").willReturn(aResponse().withStatus(401).withBody("{\"message\": \"Bad credentials\"}")));
        assertThat(failure(adapter, enabled("octocat/gone")).kind()).isEqualTo(Kind.AUTH);
    }

    @Test
    void aNotFoundOnALaterPageFailsInsteadOfFallingBack() {
        wireMock.stubFor(get(urlEqualTo(orgFirstPage("acme"))).willReturn(aResponse().withStatus(200)
                .withHeader("Link", "<" + base() + "/orgs/acme/repos?per_page=100&type=all&page=2>; rel=\"next\"")
                .withBody(list(repo(1, "acme/api", false)))));
        wireMock.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100&type=all&page=2")).willReturn(aResponse().withStatus(404)));

        ProviderFailure failure = failure(adapter, enabled("acme/api"));

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).isEqualTo("github answered 404 on GET /orgs/acme/repos");
        wireMock.verify(2, anyRequestedFor(anyUrl()));
    }

    @Test
    void aListingThatIsNotAListIsPermanent() {
        wireMock.stubFor(get(urlEqualTo(orgFirstPage("acme"))).willReturn(aResponse().withStatus(200).withBody(repo(1, "acme/api", false))));
        ProviderFailure failure = failure(adapter, enabled("acme/api"));
        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).isEqualTo("github answered a body that is not a list of repositories on GET /orgs/acme/repos");
    }

    @Test
    void exhaustedPrimaryRateLimitIsRateLimitedUntilTheReset() {
        long reset = Instant.now().plusSeconds(600).getEpochSecond();
        wireMock.stubFor(get(urlEqualTo(orgFirstPage("acme"))).willReturn(aResponse().withStatus(403)
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(reset))
                .withBody("{\"message\": \"API rate limit exceeded for user ID 1.\"}")));
        ProviderFailure failure = failure(adapter, enabled("acme/api", "beta/web"));
        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAt()).isEqualTo(Instant.ofEpochSecond(reset));
        assertThat(failure.providerStatus()).isEqualTo(403);
        // The first failure ends the sync: the next owner is not asked.
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void anExhaustedRateLimitOnASuccessfulPageWithMorePagesIsRateLimitedUntilTheReset() {
        long reset = Instant.now().plusSeconds(600).getEpochSecond();
        String next = base() + "/user/repos?per_page=100&page=2";
        wireMock.stubFor(get(urlEqualTo("/user/repos?per_page=100")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Link", "<" + next + ">; rel=\"next\"")
                .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", String.valueOf(reset))
                .withBody(list(repo(1, "acme/api", false)))));
        wireMock.stubFor(get(urlEqualTo("/user/repos?per_page=100&page=2")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(list())));
        ProviderFailure failure = failure(adapter, source("{\"api_base_url\": \"" + base() + "\"}"));
        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.code()).isEqualTo("provider_rate_limited");
        assertThat(failure.retryAt()).isEqualTo(Instant.ofEpochSecond(reset));
        assertThat(failure.getMessage()).isEqualTo("github rate limit exhausted after page 1 (x-ratelimit-remaining: 0); "
                + "the next page waits for the reset");
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void anExhaustedRateLimitOnTheLastPageOrWithAPassedResetDoesNotStopTheSync() {
        String next = base() + "/user/repos?per_page=100&page=2";
        wireMock.stubFor(get(urlEqualTo("/user/repos?per_page=100")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Link", "<" + next + ">; rel=\"next\"")
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(Instant.now().minusSeconds(5).getEpochSecond()))
                .withBody(list(repo(1, "acme/api", false)))));
        wireMock.stubFor(get(urlEqualTo("/user/repos?per_page=100&page=2")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(Instant.now().plusSeconds(600).getEpochSecond()))
                .withBody(list(repo(2, "acme/web", false)))));
        List<DiscoveredResource> found = discover(adapter, source("{\"api_base_url\": \"" + base() + "\"}"));
        assertThat(found).extracting(DiscoveredResource::externalId).containsExactly("1", "2");
    }

    @Test
    void secondaryRateLimitOnAPerRepoCallUsesRetryAfter() {
        wireMock.stubFor(get(urlPathEqualTo("/orgs/octocat/repos")).willReturn(aResponse().withStatus(404)));
        wireMock.stubFor(get("/repos/octocat/api").willReturn(aResponse().withStatus(403).withHeader("Retry-After", "60")
                .withBody("{\"message\": \"You have exceeded a secondary rate limit.\"}")));
        ProviderFailure failure = failure(adapter, enabled("octocat/api"));
        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAt()).isBetween(Instant.now().plusSeconds(55), Instant.now().plusSeconds(61));
    }

    @Test
    void tooManyRequestsOnTheListingIsRateLimited() {
        wireMock.stubFor(get(urlEqualTo(orgFirstPage("acme"))).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        ProviderFailure failure = failure(adapter, enabled("acme/api"));
        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAt()).isBetween(Instant.now().plusSeconds(115), Instant.now().plusSeconds(121));
    }

    @Test
    void forbiddenWithoutRateLimitIsAuth() {
        wireMock.stubFor(get(urlEqualTo(orgFirstPage("acme"))).willReturn(aResponse().withStatus(403)
                .withHeader("X-RateLimit-Remaining", "4999").withBody("{\"message\": \"Resource not accessible by integration\"}")));
        ProviderFailure failure = failure(adapter, enabled("acme/api"));
        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        assertThat(failure.code()).isEqualTo("provider_auth_failed");
        assertThat(failure.getMessage()).isEqualTo("github answered 403 on GET /orgs/acme/repos (credentials refused)");
    }

    @Test
    void unauthorizedOnAPerRepoCallIsAuth() {
        wireMock.stubFor(get(urlPathEqualTo("/orgs/octocat/repos")).willReturn(aResponse().withStatus(404)));
        wireMock.stubFor(get("/repos/octocat/api").willReturn(aResponse().withStatus(401).withBody("{\"message\": \"Bad credentials\"}")));
        ProviderFailure failure = failure(adapter, enabled("octocat/api"));
        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        assertThat(failure.getMessage()).isEqualTo("github answered 401 on GET /repos/octocat/api (credentials refused)")
                .doesNotContain(TOKEN);
    }

    @Test
    void serverErrorsAreTransient() {
        wireMock.stubFor(get(urlEqualTo(orgFirstPage("acme"))).willReturn(aResponse().withStatus(502)));
        assertThat(failure(adapter, enabled("acme/api")).kind()).isEqualTo(Kind.TRANSIENT);
        wireMock.stubFor(get(urlPathEqualTo("/orgs/octocat/repos")).willReturn(aResponse().withStatus(404)));
        wireMock.stubFor(get("/repos/octocat/api").willReturn(aResponse().withStatus(503)));
        assertThat(failure(adapter, enabled("octocat/api")).kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() {
        wireMock.stubFor(get(urlEqualTo(orgFirstPage("acme"))).willReturn(aResponse().withStatus(200)
                .withHeader("Link", "<https://attacker.example/collect?page=2>; rel=\"next\"")
                .withBody(list(repo(1, "acme/api", false)))));
        ProviderFailure failure = failure(adapter, enabled("acme/api"));
        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("another host");
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMissingTokenIsAuthWithoutAnyCall() {
        ProviderFailure failure = failure(adapter, new SyncSource("github", json("""
                {"api_base_url": "%s", "enabled_repos": [{"hostname": "github.com", "github_org_name": "acme", "repo_name": "api"}]}
                """.formatted(base())), Map.of()));
        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void pagesAreCapped() {
        GitHubAdapter capped = new GitHubAdapter(providerHttp(java.time.Duration.ofSeconds(3), 2));
        for (int page = 1; page <= 3; page++) {
            wireMock.stubFor(get(page == 1 ? orgFirstPage("acme") : orgFirstPage("acme") + "&page=" + page)
                    .willReturn(aResponse().withStatus(200)
                            .withHeader("Link", "<" + base() + orgFirstPage("acme") + "&page=" + (page + 1) + ">; rel=\"next\"")
                            .withBody(list(repo(page, "acme/r" + page, false)))));
        }
        ProviderFailure failure = failure(capped, enabled("acme/r1", "acme/r2", "acme/r3"));
        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("more than 2 pages");
        wireMock.verify(2, anyRequestedFor(anyUrl()));
    }
}
