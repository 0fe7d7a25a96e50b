package io.integrationshub.sync.adapters;

import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncAdapter;
import io.integrationshub.sync.SyncSource;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Map;

/**
 * What every adapter shares: its provider id, the shared {@link ProviderHttp}, and a
 * {@link #discover} that turns a failure thrown while building the calls (a configuration the
 * provider cannot use) into a failed Uni. Adapters are {@code @ApplicationScoped} like every other
 * bean; the no-args constructors along the hierarchy exist for their client proxies only.
 */
abstract class HttpSyncAdapter implements SyncAdapter {
    protected final ProviderHttp http;
    private final String provider;

    /** For CDI client proxies, which delegate every call and use no field. */
    HttpSyncAdapter() {
        this(null, null);
    }

    HttpSyncAdapter(String provider, ProviderHttp http) {
        this.provider = provider;
        this.http = http;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public Uni<List<DiscoveredResource>> discover(SyncSource source) {
        return Uni.createFrom().deferred(() -> run(source));
    }

    /** The headers of an authenticated JSON call: the credential's header, Accept: application/json, our User-Agent. */
    protected Map<String, String> jsonHeaders(String credentialHeader, String credential) {
        return headers(credentialHeader, credential, "application/json");
    }

    /** Like {@link #jsonHeaders} for a provider with a media type of its own. */
    protected Map<String, String> headers(String credentialHeader, String credential, String accept) {
        return Map.of(credentialHeader, credential, "Accept", accept, "User-Agent", http.config().userAgent());
    }

    /** Lists the provider's resources for this source; may throw {@link ProviderFailure} directly. */
    protected abstract Uni<List<DiscoveredResource>> run(SyncSource source);
}
