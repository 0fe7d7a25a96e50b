package io.integrationshub.sync.adapters;

import jakarta.enterprise.context.ApplicationScoped;

/** JFrog Artifactory (the Docker repository's own host name): the registry catalog at the credentials' hostname, with username and password. */
@ApplicationScoped
public class ArtifactoryAdapter extends HostedRegistryAdapter {
    public ArtifactoryAdapter(ProviderHttp http) {
        super("artifactory", http);
    }
}
