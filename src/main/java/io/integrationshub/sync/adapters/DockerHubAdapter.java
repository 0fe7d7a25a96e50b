package io.integrationshub.sync.adapters;

import io.integrationshub.sync.SyncSource;
import jakarta.inject.Singleton;

/**
 * Docker Hub through the registry catalog ({@code hub.providers.docker-hub.hostname}, default
 * registry-1.docker.io), narrowed to the configured {@code namespace}. Credentials: username and
 * a personal access token.
 */
@Singleton
public class DockerHubAdapter extends ContainerRegistryAdapter {
    static final String PROVIDER = "docker-hub";

    public DockerHubAdapter(ProviderHttp http) {
        super(PROVIDER, http);
    }

    @Override
    protected String hostname(SyncSource source) {
        return http.config().dockerHub().hostname();
    }

    @Override
    protected String username(SyncSource source) {
        return Sources.credential(source, PROVIDER, "username");
    }

    @Override
    protected String password(SyncSource source) {
        return Sources.credential(source, PROVIDER, "access_token");
    }

    @Override
    protected boolean keep(SyncSource source, String repository) {
        String namespace = Sources.text(Sources.configuration(source), "namespace");
        return namespace == null || repository.startsWith(namespace + "/");
    }

    @Override
    protected String url(String hostname, String repository) {
        return "https://hub.docker.com/r/" + repository;
    }
}
