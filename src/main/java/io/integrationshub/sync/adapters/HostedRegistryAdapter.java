package io.integrationshub.sync.adapters;

import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncSource;

/**
 * A registry whose host comes with the credentials ({@code hostname}, {@code username},
 * {@code password}; API.md 4.1). A hostname in the configuration is accepted as a fallback.
 */
abstract class HostedRegistryAdapter extends ContainerRegistryAdapter {
    /** For CDI client proxies. */
    HostedRegistryAdapter() {
    }

    HostedRegistryAdapter(String provider, ProviderHttp http) {
        super(provider, http);
    }

    @Override
    protected String hostname(SyncSource source) {
        String host = source.credentials().get("hostname");
        if (host == null || host.isBlank()) {
            host = Sources.text(Sources.configuration(source), "hostname");
        }
        if (host == null || host.isBlank()) {
            throw new ProviderFailure(Kind.PERMANENT, provider() + " credentials lack hostname");
        }
        return host;
    }

    @Override
    protected String username(SyncSource source) {
        return Sources.credential(source, provider(), "username");
    }

    @Override
    protected String password(SyncSource source) {
        return Sources.credential(source, provider(), "password");
    }
}
