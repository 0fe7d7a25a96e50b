package io.integrationshub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Lists what one provider exposes to an integration's credentials (API.md 7). Fails only with
 * {@link ProviderFailure}, whose kind tells the sync job whether to retry, reschedule or give up.
 */
public interface SyncAdapter {
    /** The provider id of the catalog (API.md 4.1), e.g. "github". */
    String provider();

    Uni<List<DiscoveredResource>> discover(SyncSource source);

    /**
     * Why a sync of this configuration cannot call the provider at all (e.g. Jira without an enabled
     * project names no site), or null when it can. {@code POST …/sync} answers 400 with it.
     */
    default String cannotSync(JsonNode configuration) {
        return null;
    }
}
