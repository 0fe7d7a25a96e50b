package io.integrationshub.sync.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.SyncSource;
import io.integrationshub.sync.adapters.ProviderHttp.Call;
import io.integrationshub.sync.adapters.ProviderHttp.Page;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.integrationshub.sync.adapters.Sources.configuration;
import static io.integrationshub.sync.adapters.Sources.meta;
import static io.integrationshub.sync.adapters.Sources.segment;
import static io.integrationshub.sync.adapters.Sources.text;

/**
 * GitHub REST. Without {@code enabled_repos}: every repository the token can see,
 * {@code GET /user/repos?per_page=100} paged by the Link header. Otherwise, per owner ({@code github_org_name}, case-insensitive),
 * {@code GET /orgs/{owner}/repos?per_page=100&type=all} paged by the Link header, keeping only the
 * enabled repository names (case-insensitive). An owner whose listing answers 404 is a user
 * account, not an organisation: its enabled repos are then fetched one by one with
 * {@code GET /repos/{owner}/{repo}}, and one that answers 404 there is gone or no longer visible
 * to the token: it is left out, so the sync removes it, instead of failing every sync. When no call
 * answered 2xx (every enabled repo 404), {@code GET /user} proves the token before the sync may end healthy.
 */
@ApplicationScoped
public class GitHubAdapter extends HttpSyncAdapter {
    static final String PROVIDER = "github";

    public GitHubAdapter(ProviderHttp http) {
        super(PROVIDER, http);
    }

    /** The enabled repos of one owner: the owner as first configured, names by their lower case. */
    private record Owner(String name, Map<String, String> repos) {
    }

    /** The owner listing answered 404: the owner is not an organisation. Control flow only. */
    private static final class NotAnOrganisation extends RuntimeException {
        NotAnOrganisation() {
            super(null, null, false, false);
        }
    }

    @Override
    protected Uni<List<DiscoveredResource>> run(SyncSource source) {
        JsonNode config = configuration(source);
        String apiBase = Sources.baseUrl(PROVIDER, "api_base_url",
                Sources.textOr(config, "api_base_url", "https://api.github.com"));
        Map<String, String> headers = Map.of(
                "Authorization", "Bearer " + Sources.credential(source, PROVIDER, "token"),
                "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28",
                "User-Agent", http.config().userAgent());

        Collection<Owner> owners = owners(config);
        if (owners.isEmpty()) {
            URI first = URI.create(apiBase + "/user/repos?per_page=100");
            return http.paginate(PROVIDER, first, url -> userReposPage(Call.get(PROVIDER, url, headers)));
        }
        AtomicBoolean answered = new AtomicBoolean();
        return Multi.createFrom().iterable(owners)
                .onItem().transformToUniAndConcatenate(owner -> owner(apiBase, headers, owner, answered))
                .collect().asList()
                .map(found -> Sources.distinct(found.stream().flatMap(List::stream).toList()))
                .call(found -> answered.get() ? Uni.createFrom().voidItem()
                        : http.get(Call.get(PROVIDER, URI.create(apiBase + "/user"), headers)).replaceWithVoid());
    }

    private Uni<Page<URI>> userReposPage(Call call) {
        return http.get(call).map(response -> {
            JsonNode body = response.json();
            if (!body.isArray()) {
                throw FailureMapping.unexpected(call, "a body that is not a list of repositories");
            }
            List<DiscoveredResource> items = new ArrayList<>();
            for (JsonNode repo : body) {
                if (repo.hasNonNull("id")) {
                    items.add(resource(repo));
                }
            }
            return Page.after(response, items, LinkHeader.nextOnSameOrigin(response));
        });
    }

    private static Collection<Owner> owners(JsonNode config) {
        Map<String, Owner> owners = new LinkedHashMap<>();
        JsonNode enabled = config.get("enabled_repos");
        if (enabled != null && enabled.isArray()) {
            for (JsonNode repo : enabled) {
                String owner = text(repo, "github_org_name");
                String name = text(repo, "repo_name");
                if (owner != null && name != null) {
                    owners.computeIfAbsent(owner.toLowerCase(Locale.ROOT), k -> new Owner(owner, new LinkedHashMap<>()))
                            .repos().putIfAbsent(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        return owners.values();
    }

    private Uni<List<DiscoveredResource>> owner(String apiBase, Map<String, String> headers, Owner owner,
            AtomicBoolean answered) {
        String ownerPath = apiBase + "/orgs/" + segment(owner.name()) + "/repos";
        URI first = URI.create(ownerPath + "?per_page=100&type=all");
        return http.paginate(PROVIDER, first,
                        url -> orgReposPage(Call.get(PROVIDER, url, headers), first, owner.repos().keySet())
                                .invoke(() -> answered.set(true)))
                .onFailure(NotAnOrganisation.class).recoverWithUni(() -> Multi.createFrom().iterable(owner.repos().values())
                        .onItem().transformToUniAndConcatenate(name -> repo(Call.get(PROVIDER,
                                URI.create(apiBase + "/repos/" + segment(owner.name()) + "/" + segment(name)), headers), answered))
                        .collect().asList()
                        .map(found -> found.stream().flatMap(List::stream).toList()));
    }

    private Uni<Page<URI>> orgReposPage(Call call, URI first, Set<String> enabledNames) {
        return http.exchange(call).map(response -> {
            if (response.status() == 404 && call.url().equals(first)) {
                throw new NotAnOrganisation();
            }
            if (!response.ok()) {
                throw FailureMapping.failure(response);
            }
            JsonNode body = response.json();
            if (!body.isArray()) {
                throw FailureMapping.unexpected(call, "a body that is not a list of repositories");
            }
            List<DiscoveredResource> items = new ArrayList<>();
            for (JsonNode repo : body) {
                String name = text(repo, "name");
                if (name != null && enabledNames.contains(name.toLowerCase(Locale.ROOT)) && repo.hasNonNull("id")) {
                    items.add(resource(repo));
                }
            }
            URI next = LinkHeader.next(response);
            return Page.after(response, items, next == null ? null : LinkHeader.sameOrigin(call, next));
        });
    }

    private Uni<List<DiscoveredResource>> repo(Call call, AtomicBoolean answered) {
        return http.exchange(call).map(response -> {
            if (response.status() == 404) {
                return List.of();
            }
            if (!response.ok()) {
                throw FailureMapping.failure(response);
            }
            answered.set(true);
            JsonNode body = response.json();
            if (!body.isObject() || !body.hasNonNull("id")) {
                throw FailureMapping.unexpected(call, "an object that is not a repository");
            }
            return List.of(resource(body));
        });
    }

    static DiscoveredResource resource(JsonNode repo) {
        return new DiscoveredResource("repository", repo.path("id").asText(), text(repo, "full_name"),
                text(repo, "html_url"),
                meta("default_branch", repo.get("default_branch"), "private", repo.get("private"),
                        "archived", repo.get("archived"), "visibility", repo.get("visibility")));
    }
}
