package io.integrationshub.sync;

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
}
