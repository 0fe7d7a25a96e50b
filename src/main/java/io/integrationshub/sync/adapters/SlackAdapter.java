package io.integrationshub.sync.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncSource;
import io.integrationshub.sync.adapters.ProviderHttp.Call;
import io.integrationshub.sync.adapters.ProviderHttp.Page;
import io.integrationshub.sync.adapters.ProviderHttp.ProviderResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.integrationshub.sync.adapters.Sources.configuration;
import static io.integrationshub.sync.adapters.Sources.meta;
import static io.integrationshub.sync.adapters.Sources.text;

/**
 * Slack Web API: {@code GET /api/conversations.list} (bot token as bearer, pages of 200 by
 * {@code response_metadata.next_cursor}, archived channels left out). Slack answers 200 with
 * {@code ok: false} for most errors; those are mapped by their error code. With {@code channel}
 * configured (an id, or a name with or without '#') only that channel is kept and paging stops
 * once it is found.
 */
@ApplicationScoped
public class SlackAdapter extends HttpSyncAdapter {
    static final String PROVIDER = "slack";
    static final int PAGE_SIZE = 200;
    static final Set<String> AUTH_ERRORS = Set.of("invalid_auth", "not_authed", "account_inactive", "token_revoked",
            "token_expired", "missing_scope", "no_permission", "not_allowed_token_type", "ekm_access_denied");
    static final Set<String> TRANSIENT_ERRORS = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout");

    public SlackAdapter(ProviderHttp http) {
        super(PROVIDER, http);
    }

    @Override
    protected Uni<List<DiscoveredResource>> run(SyncSource source) {
        String wanted = text(configuration(source), "channel");
        String channel = wanted == null ? null : wanted.startsWith("#") ? wanted.substring(1) : wanted;
        String base = Sources.baseUrl(PROVIDER, "base-url", http.config().slack().baseUrl());
        Map<String, String> headers = jsonHeaders("Authorization",
                "Bearer " + Sources.credential(source, PROVIDER, "bot_token"));
        String list = base + "/api/conversations.list?limit=" + PAGE_SIZE + "&exclude_archived=true";
        return http.paginate(PROVIDER, "", cursor -> page(Call.get(PROVIDER,
                URI.create(cursor.isEmpty() ? list : list + "&cursor=" + Sources.segment(cursor)), headers), channel));
    }

    private Uni<Page<String>> page(Call call, String channel) {
        return http.get(call).map(response -> {
            JsonNode body = response.json();
            if (!body.path("ok").asBoolean(false)) {
                throw slackError(response, text(body, "error"));
            }
            JsonNode channels = body.get("channels");
            if (channels == null || !channels.isArray()) {
                throw FailureMapping.unexpected(call, "a page without channels");
            }
            List<DiscoveredResource> items = new ArrayList<>();
            for (JsonNode c : channels) {
                String id = text(c, "id");
                String name = text(c, "name");
                if (channel == null || channel.equals(id) || channel.equalsIgnoreCase(name)) {
                    String team = text(c, "context_team_id");
                    items.add(new DiscoveredResource("channel", id, name,
                            team == null ? null : "https://app.slack.com/client/" + team + "/" + id,
                            meta("is_private", c.get("is_private"), "is_archived", c.get("is_archived"),
                                    "num_members", c.get("num_members"))));
                }
            }
            String next = text(body.path("response_metadata"), "next_cursor");
            boolean found = channel != null && !items.isEmpty();
            return next == null || found ? Page.last(items) : Page.after(response, items, next);
        });
    }

    /** Slack's error codes are safe to quote: they are fixed identifiers, never request data. */
    static ProviderFailure slackError(ProviderResponse response, String error) {
        String code = error == null ? "unknown_error" : error.replaceAll("[^a-z0-9_]", "");
        String message = PROVIDER + " answered ok=false (" + code + ") on " + response.call().describe();
        Kind kind = AUTH_ERRORS.contains(code) ? Kind.AUTH
                : code.equals("ratelimited") ? Kind.RATE_LIMITED
                : TRANSIENT_ERRORS.contains(code) ? Kind.TRANSIENT
                : Kind.PERMANENT;
        Instant retryAt = kind == Kind.RATE_LIMITED ? RateLimitHeaders.retryAt(response::header, Instant.now()) : null;
        return new ProviderFailure(kind, message, response.status(), retryAt);
    }
}
