package io.integrationshub.sync;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** What a sync reads: the integration's provider, configuration and decrypted credentials. */
public record SyncSource(String provider, JsonNode configuration, Map<String, String> credentials) {
    public SyncSource {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    /** Never prints the credential values. */
    @Override
    public String toString() {
        return "SyncSource[provider=" + provider + ", credentials=" + credentials.keySet() + "]";
    }
}
