package io.integrationshub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.sync.ProviderHttp.Call;
import io.integrationshub.sync.ProviderHttp.Page;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.integrationshub.sync.ProviderHttp.configuration;
import static io.integrationshub.sync.ProviderHttp.meta;
import static io.integrationshub.sync.ProviderHttp.segment;
import static io.integrationshub.sync.ProviderHttp.text;

/**
 * GitHub REST: one {@code GET /repos/{owner}/{repo}} per enabled repo; without enabled repos the
 * configuration names no organisation, so it lists {@code GET /user/repos} (every repository the
 * token can see), paged by the Link header. An enabled repo that answers 404 is gone or no longer
 * visible to the token: it is left out, so the sync removes it, instead of failing every sync.
 */
@Singleton
public class GitHubAdapter implements SyncAdapter {
    static final String PROVIDER = "github";
    private final ProviderHttp http;

    public GitHubAdapter(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Uni<List<DiscoveredResource>> discover(SyncSource source) {
        return Uni.createFrom().deferred(() -> run(source));
    }

    private Uni<List<DiscoveredResource>> run(SyncSource source) {
        JsonNode config = configuration(source);
        String apiBase = ProviderHttp.baseUrl(PROVIDER, "api_base_url",
                text(config, "api_base_url") != null ? text(config, "api_base_url") : "https://api.github.com");
        Map<String, String> headers = Map.of(
                "Authorization", "Bearer " + ProviderHttp.credential(source, PROVIDER, "token"),
                "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28",
                "User-Agent", http.config().userAgent());

        Set<String> repoPaths = new LinkedHashSet<>();
        JsonNode enabled = config.get("enabled_repos");
        if (enabled != null && enabled.isArray()) {
            for (JsonNode repo : enabled) {
                String owner = text(repo, "github_org_name");
                String name = text(repo, "repo_name");
                if (owner != null && name != null) {
                    repoPaths.add("/repos/" + segment(owner) + "/" + segment(name));
                }
            }
        }
        if (repoPaths.isEmpty()) {
            URI first = URI.create(apiBase + "/user/repos?per_page=100");
            return http.paginate(PROVIDER, first, url -> userReposPage(Call.get(PROVIDER, url, headers)));
        }
        return Multi.createFrom().iterable(repoPaths)
                .onItem().transformToUniAndConcatenate(path -> repo(Call.get(PROVIDER, URI.create(apiBase + path), headers)))
                .collect().asList()
                .map(found -> ProviderHttp.distinct(found.stream().flatMap(List::stream).toList()));
    }

    private Uni<List<DiscoveredResource>> repo(Call call) {
        return http.exchange(call).map(response -> {
            if (response.status() == 404) {
                return List.of();
            }
            if (!response.ok()) {
                throw ProviderHttp.failure(response);
            }
            JsonNode body = response.json();
            if (!body.isObject() || !body.hasNonNull("id")) {
                throw ProviderHttp.unexpected(call, "an object that is not a repository");
            }
            return List.of(resource(body));
        });
    }

    private Uni<Page<URI>> userReposPage(Call call) {
        return http.get(call).map(response -> {
            JsonNode body = response.json();
            if (!body.isArray()) {
                throw ProviderHttp.unexpected(call, "a body that is not a list of repositories");
            }
            List<DiscoveredResource> items = new ArrayList<>();
            body.forEach(repo -> items.add(resource(repo)));
            URI next = ProviderHttp.nextLink(response);
            return new Page<>(items, next == null ? null : ProviderHttp.sameOrigin(call, next));
        });
    }

    static DiscoveredResource resource(JsonNode repo) {
        return new DiscoveredResource("repository", repo.path("id").asText(), text(repo, "full_name"),
                text(repo, "html_url"),
                meta("default_branch", repo.get("default_branch"), "private", repo.get("private"),
                        "archived", repo.get("archived"), "visibility", repo.get("visibility")));
    }
}
