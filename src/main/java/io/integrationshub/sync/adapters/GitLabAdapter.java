package io.integrationshub.sync.adapters;

import com.fasterxml.jackson.databind.JsonNode;
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

import static io.integrationshub.sync.adapters.Sources.configuration;
import static io.integrationshub.sync.adapters.Sources.meta;
import static io.integrationshub.sync.adapters.Sources.text;

/**
 * GitLab REST v4: the projects of {@code group_path} (subgroups included), or without it every
 * project the token is a member of; offset pages of 100 followed by the X-Next-Page header.
 */
@ApplicationScoped
public class GitLabAdapter extends HttpSyncAdapter {
    static final String PROVIDER = "gitlab";

    public GitLabAdapter(ProviderHttp http) {
        super(PROVIDER, http);
    }

    @Override
    protected Uni<List<DiscoveredResource>> run(SyncSource source) {
        JsonNode config = configuration(source);
        String apiBase = Sources.baseUrl(PROVIDER, "api_base_url",
                Sources.textOr(config, "api_base_url", "https://gitlab.com/api/v4"));
        Map<String, String> headers = jsonHeaders("PRIVATE-TOKEN", Sources.credential(source, PROVIDER, "token"));
        String group = text(config, "group_path");
        String list = group != null
                ? apiBase + "/groups/" + Sources.segment(group) + "/projects?include_subgroups=true&per_page=100"
                : apiBase + "/projects?membership=true&per_page=100";
        return http.paginate(PROVIDER, 1, page -> page(Call.get(PROVIDER, URI.create(list + "&page=" + page), headers)));
    }

    private Uni<Page<Integer>> page(Call call) {
        return http.get(call).map(response -> {
            JsonNode body = response.json();
            if (!body.isArray()) {
                throw FailureMapping.unexpected(call, "a body that is not a list of projects");
            }
            List<DiscoveredResource> items = new ArrayList<>();
            for (JsonNode project : body) {
                items.add(new DiscoveredResource("repository", project.path("id").asText(),
                        text(project, "path_with_namespace"), text(project, "web_url"),
                        meta("default_branch", project.get("default_branch"), "visibility", project.get("visibility"),
                                "archived", project.get("archived"))));
            }
            String next = Sources.trim(response.header("X-Next-Page"));
            if (next == null) {
                return Page.last(items);
            }
            if (!next.matches("\\d{1,9}")) {
                throw FailureMapping.unexpected(call, "an X-Next-Page header that is not a page number");
            }
            return Page.after(response, items, Integer.parseInt(next));
        });
    }
}
