package io.integrationshub.sync;

import java.util.Map;

/**
 * One thing a provider exposes: kind ("repository", "project", "service", "channel", "webhook",
 * "image"), the provider's stable id for it, a display name, a browser URL (null when the provider
 * has none that is not secret) and a few provider-specific facts.
 */
public record DiscoveredResource(String kind, String externalId, String name, String url, Map<String, Object> metadata) {
    public DiscoveredResource {
        metadata = metadata == null ? Map.of() : metadata;
    }
}
