package io.integrationshub.sync.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncSource;
import io.integrationshub.sync.adapters.ProviderHttp.Call;
import io.integrationshub.sync.adapters.ProviderHttp.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.integrationshub.sync.adapters.Sources.configuration;
import static io.integrationshub.sync.adapters.Sources.meta;
import static io.integrationshub.sync.adapters.Sources.text;

/**
 * Bitbucket Cloud 2.0: the repositories of the workspace, with basic auth (username and app
 * password), following the {@code next} URL of each page while it stays on the API host.
 */
@ApplicationScoped
public class BitbucketCloudAdapter extends HttpSyncAdapter {
    static final String PROVIDER = "bitbucket-cloud";

    public BitbucketCloudAdapter(ProviderHttp http) {
        super(PROVIDER, http);
    }

    @Override
    protected Uni<List<DiscoveredResource>> run(SyncSource source) {
        String workspace = text(configuration(source), "workspace");
        if (workspace == null) {
            throw new ProviderFailure(Kind.PERMANENT, PROVIDER + " configuration lacks workspace");
        }
        String base = Sources.baseUrl(PROVIDER, "base-url", http.config().bitbucketCloud().baseUrl());
        Map<String, String> headers = jsonHeaders("Authorization",
                Sources.basic(Sources.credential(source, PROVIDER, "username"), Sources.credential(source, PROVIDER, "app_password")));
        URI first = URI.create(base + "/2.0/repositories/" + Sources.segment(workspace) + "?pagelen=100");
        return http.paginate(PROVIDER, first, url -> page(Call.get(PROVIDER, url, headers)));
    }

    private Uni<Page<URI>> page(Call call) {
        return http.get(call).map(response -> {
            JsonNode body = response.json();
            JsonNode values = Sources.pageItems(call, body, "values");
            List<DiscoveredResource> items = new ArrayList<>();
            for (JsonNode repo : values) {
                items.add(new DiscoveredResource("repository", text(repo, "uuid"), text(repo, "full_name"),
                        text(repo.path("links").path("html"), "href"),
                        meta("slug", repo.get("slug"), "private", repo.get("is_private"),
                                "default_branch", repo.path("mainbranch").get("name"))));
            }
            String next = text(body, "next");
            if (next == null) {
                return Page.last(items);
            }
            URI nextUrl;
            try {
                nextUrl = URI.create(next);
            } catch (IllegalArgumentException e) {
                throw FailureMapping.unexpected(call, "a malformed next URL");
            }
            return Page.after(response, items, LinkHeader.sameOrigin(call, nextUrl));
        });
    }
}
