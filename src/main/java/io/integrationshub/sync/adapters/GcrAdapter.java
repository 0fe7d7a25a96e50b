package io.integrationshub.sync.adapters;

import jakarta.enterprise.context.ApplicationScoped;

/** Google Container Registry (a JSON key as password, username _json_key): the registry catalog at the credentials' hostname, with username and password. */
@ApplicationScoped
public class GcrAdapter extends HostedRegistryAdapter {
    public GcrAdapter(ProviderHttp http) {
        super("gcr", http);
    }
}
