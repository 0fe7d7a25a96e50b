package io.integrationshub.projects;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * (Tests.) Holds the disconnect of projects named "gated …" at the cloud provider until the test
 * opens its gate, so that the disconnecting state can be observed; other projects pass at once.
 */
@Alternative
@Priority(1)
@Singleton
public class GatedCloudConnections implements CloudConnections {
    static final String PREFIX = "gated ";
    final Map<UUID, CompletableFuture<Void>> gates = new ConcurrentHashMap<>();
    final Map<UUID, Integer> calls = new ConcurrentHashMap<>();

    @Override
    public Uni<Void> disconnect(Project project) {
        calls.merge(project.id, 1, Integer::sum);
        if (!project.name.startsWith(PREFIX)) {
            return Uni.createFrom().voidItem();
        }
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Uni<Void> held = Uni.createFrom().completionStage(gate(project.id));
        // The test opens the gate from its own thread: continue on the job's context.
        return context == null ? held : held.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    CompletableFuture<Void> gate(UUID projectId) {
        return gates.computeIfAbsent(projectId, id -> new CompletableFuture<>());
    }

    void open(UUID projectId) {
        gate(projectId).complete(null);
    }
}
