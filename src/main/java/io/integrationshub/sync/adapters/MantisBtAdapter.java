package io.integrationshub.sync.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncSource;
import io.integrationshub.sync.adapters.ProviderHttp.Call;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.integrationshub.sync.adapters.Sources.configuration;
import static io.integrationshub.sync.adapters.Sources.meta;
import static io.integrationshub.sync.adapters.Sources.text;

/**
 * MantisBT REST: {@code GET {base_url}/api/rest/projects} with the API token as the whole
 * Authorization header. The list is not paged; sub-projects are listed with their parents and
 * everything is narrowed to {@code project_ids} when given.
 */
@ApplicationScoped
public class MantisBtAdapter extends HttpSyncAdapter {
    static final String PROVIDER = "mantisbt";

    public MantisBtAdapter(ProviderHttp http) {
        super(PROVIDER, http);
    }

    @Override
    protected Uni<List<DiscoveredResource>> run(SyncSource source) {
        JsonNode config = configuration(source);
        String configured = text(config, "base_url");
        if (configured == null) {
            throw new ProviderFailure(Kind.PERMANENT, PROVIDER + " configuration lacks base_url");
        }
        String base = Sources.baseUrl(PROVIDER, "base_url", configured);
        Set<String> only = new HashSet<>();
        JsonNode ids = config.get("project_ids");
        if (ids != null && ids.isArray()) {
            ids.forEach(id -> only.add(id.asText()));
        }
        Map<String, String> headers = jsonHeaders("Authorization", Sources.credential(source, PROVIDER, "api_token"));
        Call call = Call.get(PROVIDER, URI.create(base + "/api/rest/projects"), headers);
        return http.get(call).map(response -> {
            JsonNode projects = response.json().get("projects");
            if (projects == null || !projects.isArray()) {
                throw FailureMapping.unexpected(call, "a body without projects");
            }
            List<DiscoveredResource> items = new ArrayList<>();
            collect(projects, null, base, only, items, 0);
            return Sources.distinct(items);
        });
    }

    private static void collect(JsonNode projects, String parentId, String base, Set<String> only,
            List<DiscoveredResource> into, int depth) {
        for (JsonNode project : projects) {
            String id = project.path("id").asText();
            if (only.isEmpty() || only.contains(id)) {
                into.add(new DiscoveredResource("project", id, text(project, "name"),
                        base + "/set_project.php?project_id=" + Sources.segment(id),
                        meta("status", project.path("status").get("name"), "enabled", project.get("enabled"),
                                "view_state", project.path("view_state").get("name"), "parent_id", parentId)));
            }
            JsonNode children = project.get("subProjects");
            if (children != null && children.isArray() && depth < 32) {
                collect(children, id, base, only, into, depth + 1);
            }
        }
    }
}
