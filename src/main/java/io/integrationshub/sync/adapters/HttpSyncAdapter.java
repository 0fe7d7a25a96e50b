package io.integrationshub.sync.adapters;

import io.integrationshub.sync.SyncAdapter;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.SyncSource;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * What every adapter shares: its provider id, the shared {@link ProviderHttp}, and a
 * {@link #discover} that turns a failure thrown while building the calls (a configuration the
 * provider cannot use) into a failed Uni. Adapters are {@code @Singleton}: stateless, and a
 * subclass of this class cannot be given the no-args constructor a client proxy needs.
 */
abstract class HttpSyncAdapter implements SyncAdapter {
    protected final ProviderHttp http;
    private final String provider;

    HttpSyncAdapter(String provider, ProviderHttp http) {
        this.provider = provider;
        this.http = http;
    }

    @Override
    public final String provider() {
        return provider;
    }

    @Override
    public final Uni<List<DiscoveredResource>> discover(SyncSource source) {
        return Uni.createFrom().deferred(() -> run(source));
    }

    /** Lists the provider's resources for this source; may throw {@link ProviderFailure} directly. */
    protected abstract Uni<List<DiscoveredResource>> run(SyncSource source);
}
