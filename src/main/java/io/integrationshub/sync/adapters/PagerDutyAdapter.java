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

import static io.integrationshub.sync.adapters.Sources.meta;
import static io.integrationshub.sync.adapters.Sources.text;

/**
 * PagerDuty REST v2: {@code GET /services} in pages of 100 by offset while {@code more} is true.
 * The API key reaches one account, so every service it can see is listed, unless {@code accounts} names accounts
 * and disables them all: then the user turned PagerDuty off for this integration and a sync is refused
 * ({@link #cannotSync}), as jira's without an enabled project is. A sync never ends healthy without asking PagerDuty.
 */
@ApplicationScoped
public class PagerDutyAdapter extends HttpSyncAdapter {
    static final String PROVIDER = "pagerduty";
    static final int PAGE_SIZE = 100;

    public PagerDutyAdapter(ProviderHttp http) {
        super(PROVIDER, http);
    }

    static final String ALL_DISABLED = "pagerduty has accounts in its configuration but none is enabled; "
            + "enable one to sync";

    @Override
    public String cannotSync(JsonNode configuration) {
        JsonNode accounts = configuration == null ? null : configuration.get("accounts");
        if (accounts == null || !accounts.isArray() || accounts.isEmpty()) {
            return null;
        }
        for (JsonNode account : accounts) {
            if (account.path("enabled").asBoolean(false)) {
                return null;
            }
        }
        return ALL_DISABLED;
    }

    @Override
    protected Uni<List<DiscoveredResource>> run(SyncSource source) {
        String base = Sources.baseUrl(PROVIDER, "base-url", http.config().pagerduty().baseUrl());
        Map<String, String> headers = headers("Authorization",
                "Token token=" + Sources.credential(source, PROVIDER, "api_token"), "application/vnd.pagerduty+json;version=2");
        return http.paginate(PROVIDER, 0, offset -> page(Call.get(PROVIDER,
                URI.create(base + "/services?offset=" + offset + "&limit=" + PAGE_SIZE), headers), offset));
    }

    private Uni<Page<Integer>> page(Call call, int offset) {
        return http.get(call).map(response -> {
            JsonNode body = response.json();
            JsonNode services = body.get("services");
            if (services == null || !services.isArray()) {
                throw FailureMapping.unexpected(call, "a page without services");
            }
            List<DiscoveredResource> items = new ArrayList<>();
            for (JsonNode service : services) {
                items.add(new DiscoveredResource("service", text(service, "id"),
                        Sources.textOr(service, "name", text(service, "summary")),
                        text(service, "html_url"),
                        meta("status", service.get("status"), "escalation_policy_id",
                                service.path("escalation_policy").get("id"))));
            }
            boolean more = body.path("more").asBoolean(false) && !services.isEmpty();
            return more ? Page.after(response, items, offset + services.size()) : Page.last(items);
        });
    }
}
