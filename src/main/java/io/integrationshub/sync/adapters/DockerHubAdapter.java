package io.integrationshub.sync.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.SyncSource;
import io.integrationshub.sync.adapters.ProviderHttp.Call;
import io.integrationshub.sync.adapters.ProviderHttp.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker Hub's own API ({@code hub.providers.docker-hub.api-base-url}, default https://hub.docker.com):
 * {@code POST /v2/auth/token {identifier, secret}} exchanges the username and access token for a
 * short-lived bearer, then {@code GET /v2/namespaces/{namespace}/repositories?page_size=100} is
 * followed by its {@code next} URL. The namespace defaults to the username.
 */
@ApplicationScoped
public class DockerHubAdapter extends HttpSyncAdapter {
    static final String PROVIDER = "docker-hub";
    static final int PAGE_SIZE = 100;

    public DockerHubAdapter(ProviderHttp http) {
        super(PROVIDER, http);
    }

    @Override
    protected Uni<List<DiscoveredResource>> run(SyncSource source) {
        String base = Sources.baseUrl(PROVIDER, "api-base-url", http.config().dockerHub().apiBaseUrl());
        String username = Sources.credential(source, PROVIDER, "username");
        String secret = Sources.credential(source, PROVIDER, "access_token");
        String owner = Sources.textOr(Sources.configuration(source), "namespace", username);
        ObjectNode login = Sources.JSON.createObjectNode().put("identifier", username).put("secret", secret);
        Call tokenCall = Call.postJson(PROVIDER, URI.create(base + "/v2/auth/token"), Map.of(
                "Content-Type", "application/json",
                "Accept", "application/json",
                "User-Agent", http.config().userAgent()), login.toString());
        return http.get(tokenCall).flatMap(response -> {
            String token = Sources.text(response.json(), "access_token");
            if (token == null) {
                throw FailureMapping.unexpected(tokenCall, "a token response without access_token");
            }
            Map<String, String> headers = jsonHeaders("Authorization", "Bearer " + token);
            URI first = URI.create(base + "/v2/namespaces/" + Sources.segment(owner) + "/repositories?page_size=" + PAGE_SIZE);
            return http.paginate(PROVIDER, first, url -> page(Call.get(PROVIDER, url, headers), owner));
        });
    }

    private Uni<Page<URI>> page(Call call, String owner) {
        return http.get(call).map(response -> {
            JsonNode body = response.json();
            JsonNode results = Sources.pageItems(call, body, "results");
            List<DiscoveredResource> items = new ArrayList<>();
            for (JsonNode repository : results) {
                String name = Sources.text(repository, "name");
                if (name == null) {
                    continue;
                }
                String namespace = Sources.textOr(repository, "namespace", owner);
                String full = namespace + "/" + name;
                items.add(new DiscoveredResource("image", full, full, "https://hub.docker.com/r/" + full,
                        Sources.meta("reference", "docker.io/" + full, "is_private", repository.get("is_private"),
                                "last_updated", repository.get("last_updated"))));
            }
            String next = Sources.text(body, "next");
            URI nextUrl = null;
            if (next != null) {
                try {
                    nextUrl = LinkHeader.sameOrigin(call, call.url().resolve(next));
                } catch (IllegalArgumentException e) {
                    throw FailureMapping.unexpected(call, "a malformed next URL");
                }
            }
            return Page.after(response, items, nextUrl);
        });
    }
}
