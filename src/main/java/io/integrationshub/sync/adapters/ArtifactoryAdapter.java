package io.integrationshub.sync.adapters;

import jakarta.inject.Singleton;

/** JFrog Artifactory (the Docker repository's own host name): the registry catalog at the credentials' hostname, with username and password. */
@Singleton
public class ArtifactoryAdapter extends HostedRegistryAdapter {
    public ArtifactoryAdapter(ProviderHttp http) {
        super("artifactory", http);
    }
}
