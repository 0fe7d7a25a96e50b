package io.integrationshub.sync.adapters;

import jakarta.enterprise.context.ApplicationScoped;

/** Azure Container Registry: the registry catalog at the credentials' hostname, with username and password. */
@ApplicationScoped
public class AcrAdapter extends HostedRegistryAdapter {
    public AcrAdapter(ProviderHttp http) {
        super("acr", http);
    }
}
