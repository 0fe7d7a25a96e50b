package io.integrationshub.sync;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;

/**
 * What a sync reads: the integration's organisation (ECR's ExternalId), provider, configuration and
 * decrypted credentials.
 */
public record SyncSource(UUID organisationId, String provider, JsonNode configuration, Map<String, String> credentials) {
    public SyncSource {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    public SyncSource(String provider, JsonNode configuration, Map<String, String> credentials) {
        this(null, provider, configuration, credentials);
    }

    /** Never prints the credential values. */
    @Override
    public String toString() {
        return "SyncSource[provider=" + provider + ", credentials=" + credentials.keySet() + "]";
    }
}
