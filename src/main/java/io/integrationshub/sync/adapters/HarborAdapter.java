package io.integrationshub.sync.adapters;

import jakarta.enterprise.context.ApplicationScoped;

/** Harbor: the registry catalog at the credentials' hostname, with username and password. */
@ApplicationScoped
public class HarborAdapter extends HostedRegistryAdapter {
    public HarborAdapter(ProviderHttp http) {
        super("harbor", http);
    }
}
