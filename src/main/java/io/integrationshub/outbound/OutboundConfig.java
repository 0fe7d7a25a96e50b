package io.integrationshub.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Guards for every outbound HTTP call (providers, webhooks): API.md 11. */
@ConfigMapping(prefix = "hub.outbound")
public interface OutboundConfig {
    /** Hosts (exact names or IP literals) that may resolve to internal addresses, e.g. test fakes or on-prem providers. */
    Optional<List<String>> allowedHosts();

    /** Plain http is refused unless this is false (dev and test profiles only). */
    @WithDefault("true")
    boolean requireHttps();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest silence while waiting for response bytes (an idle timeout, not a total deadline). */
    @WithDefault("10s")
    Duration readTimeout();

    /** Larger response bodies are aborted: a provider page is far below this. */
    @WithDefault("16777216")
    long maxResponseBytes();
}
