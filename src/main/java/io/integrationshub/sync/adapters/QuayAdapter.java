package io.integrationshub.sync.adapters;

import jakarta.enterprise.context.ApplicationScoped;

/** Quay (a robot account or an encrypted password): the registry catalog at the credentials' hostname, with username and password. */
@ApplicationScoped
public class QuayAdapter extends HostedRegistryAdapter {
    public QuayAdapter(ProviderHttp http) {
        super("quay", http);
    }
}
