package io.integrationshub.sync.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncSource;
import io.integrationshub.sync.adapters.ProviderHttp.Call;
import io.integrationshub.sync.adapters.ProviderHttp.Page;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.integrationshub.sync.adapters.Sources.configuration;
import static io.integrationshub.sync.adapters.Sources.meta;
import static io.integrationshub.sync.adapters.Sources.text;

/**
 * Jira Cloud REST v3: for each site named in {@code enabled_projects}, the paged
 * {@code GET /rest/api/3/project/search} (basic auth email:api_token, startAt/isLast), kept to the
 * configured project keys. Without an enabled project there is no site to call: the sync is refused
 * ({@link #cannotSync}). The external id is "{hostname}/{project id}": ids are per site.
 */
@ApplicationScoped
public class JiraAdapter extends HttpSyncAdapter {
    static final String PROVIDER = "jira";
    static final int PAGE_SIZE = 50;

    public JiraAdapter(ProviderHttp http) {
        super(PROVIDER, http);
    }

    static final String NO_SITE = "jira has no enabled project, so there is no site to call; "
            + "add enabled_projects to the configuration";

    @Override
    public String cannotSync(JsonNode configuration) {
        return keysByHost(configuration).isEmpty() ? NO_SITE : null;
    }

    @Override
    protected Uni<List<DiscoveredResource>> run(SyncSource source) {
        Map<String, Set<String>> keysByHost = keysByHost(configuration(source));
        if (keysByHost.isEmpty()) {
            throw new ProviderFailure(ProviderFailure.Kind.PERMANENT, NO_SITE);
        }
        Map<String, String> headers = jsonHeaders("Authorization",
                Sources.basic(Sources.credential(source, PROVIDER, "email"), Sources.credential(source, PROVIDER, "api_token")));
        return Multi.createFrom().iterable(keysByHost.entrySet())
                .onItem().transformToUniAndConcatenate(site -> site(site.getKey(), site.getValue(), headers))
                .collect().asList()
                .map(found -> Sources.distinct(found.stream().flatMap(List::stream).toList()));
    }

    /** The configured project keys (upper case) per site (lower case). */
    private static Map<String, Set<String>> keysByHost(JsonNode configuration) {
        Map<String, Set<String>> keysByHost = new LinkedHashMap<>();
        JsonNode enabled = configuration == null ? null : configuration.get("enabled_projects");
        if (enabled != null && enabled.isArray()) {
            for (JsonNode project : enabled) {
                String host = text(project, "hostname");
                String key = text(project, "project_key");
                if (host != null && key != null) {
                    keysByHost.computeIfAbsent(host.trim().toLowerCase(Locale.ROOT), h -> new LinkedHashSet<>())
                            .add(key.toUpperCase(Locale.ROOT));
                }
            }
        }
        return keysByHost;
    }

    private Uni<List<DiscoveredResource>> site(String hostname, Set<String> keys, Map<String, String> headers) {
        String base = http.hostBase(PROVIDER, "hostname", hostname);
        return http.paginate(PROVIDER, 0, startAt -> page(Call.get(PROVIDER,
                URI.create(base + "/rest/api/3/project/search?startAt=" + startAt + "&maxResults=" + PAGE_SIZE), headers),
                startAt, base, hostname, keys));
    }

    private Uni<Page<Integer>> page(Call call, int startAt, String base, String hostname, Set<String> keys) {
        return http.get(call).map(response -> {
            JsonNode body = response.json();
            JsonNode values = Sources.pageItems(call, body, "values");
            List<DiscoveredResource> items = new ArrayList<>();
            for (JsonNode project : values) {
                String key = text(project, "key");
                if (key != null && keys.contains(key.toUpperCase(Locale.ROOT))) {
                    items.add(new DiscoveredResource("project", hostname + "/" + project.path("id").asText(),
                            text(project, "name"), base + "/browse/" + Sources.segment(key),
                            meta("hostname", hostname, "key", key, "project_type_key", project.get("projectTypeKey"))));
                }
            }
            // isLast is authoritative; an empty page that is not "last" would otherwise loop.
            boolean last = body.path("isLast").asBoolean(false) || values.isEmpty();
            return last ? Page.last(items) : Page.after(response, items, startAt + values.size());
        });
    }
}
