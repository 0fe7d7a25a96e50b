package io.integrationshub.sync.adapters;

import jakarta.inject.Singleton;

/** Harbor: the registry catalog at the credentials' hostname, with username and password. */
@Singleton
public class HarborAdapter extends HostedRegistryAdapter {
    public HarborAdapter(ProviderHttp http) {
        super("harbor", http);
    }
}
