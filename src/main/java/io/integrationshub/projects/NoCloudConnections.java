package io.integrationshub.projects;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** No cloud provider is configured: there is nothing to tear down at a provider. */
@DefaultBean
@ApplicationScoped
public class NoCloudConnections implements CloudConnections {
    @Override
    public Uni<Void> disconnect(Project project) {
        return Uni.createFrom().voidItem();
    }
}
