package io.integrationshub.sync.adapters;

import jakarta.inject.Singleton;

/** Quay (a robot account or an encrypted password): the registry catalog at the credentials' hostname, with username and password. */
@Singleton
public class QuayAdapter extends HostedRegistryAdapter {
    public QuayAdapter(ProviderHttp http) {
        super("quay", http);
    }
}
