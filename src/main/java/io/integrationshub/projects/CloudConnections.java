package io.integrationshub.projects;

import io.smallrye.mutiny.Uni;

/**
 * The cloud provider's side of a project's connection. The contract (API.md 9) defines no provider
 * to call, so the default bean has nothing to tear down; a deployment with a real cloud integration
 * (or a test that needs to hold a disconnect in flight) provides its own bean. Calls must be
 * idempotent: a disconnect job runs at least once.
 */
public interface CloudConnections {
    Uni<Void> disconnect(Project project);
}
