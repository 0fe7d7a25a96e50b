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
import java.util.List;
import java.util.Map;

import static io.integrationshub.sync.adapters.Sources.meta;
import static io.integrationshub.sync.adapters.Sources.text;

/**
 * Discord: {@code GET {webhook_url}} returns the webhook object when the URL (whose last path
 * segment is the webhook's secret token) is still valid. The URL is a credential: failure
 * messages show "[webhook url]" instead of its path, and the object's own {@code token} field is
 * never copied into the resource.
 */
@ApplicationScoped
public class DiscordAdapter extends HttpSyncAdapter {
    static final String PROVIDER = "discord";
    static final String LABEL = "[webhook url]";

    public DiscordAdapter(ProviderHttp http) {
        super(PROVIDER, http);
    }

    @Override
    protected Uni<List<DiscoveredResource>> run(SyncSource source) {
        URI url;
        try {
            url = new URI(Sources.credential(source, PROVIDER, "webhook_url").trim());
            if (!url.isAbsolute() || url.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (ProviderFailure failure) {
            throw failure;
        } catch (Exception e) {
            throw new ProviderFailure(Kind.PERMANENT, PROVIDER + " webhook_url is not a valid URL");
        }
        Call call = new Call(PROVIDER, url, Map.of("Accept", "application/json", "User-Agent", http.config().userAgent()),
                LABEL);
        return http.get(call).map(response -> {
            JsonNode hook = response.json();
            if (!hook.isObject() || text(hook, "id") == null) {
                throw FailureMapping.unexpected(call, "a body that is not a webhook object");
            }
            String guild = text(hook, "guild_id");
            String channel = text(hook, "channel_id");
            return List.of(new DiscoveredResource("webhook", text(hook, "id"), text(hook, "name"),
                    guild != null && channel != null ? "https://discord.com/channels/" + guild + "/" + channel : null,
                    meta("channel_id", channel, "guild_id", guild, "type", hook.get("type"),
                            "application_id", hook.get("application_id"))));
        });
    }
}
