package io.integrationshub.sync.adapters;

import jakarta.inject.Singleton;

/** Azure Container Registry: the registry catalog at the credentials' hostname, with username and password. */
@Singleton
public class AcrAdapter extends HostedRegistryAdapter {
    public AcrAdapter(ProviderHttp http) {
        super("acr", http);
    }
}
