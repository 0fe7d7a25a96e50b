package io.integrationshub.common.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Ready when the database answers within a short time (API.md 11; migrations ran at start or the service
 * did not start). Replaces Quarkus' datasource check (quarkus.datasource.health.enabled=false), which runs the
 * same {@code select 1} on the same pool but blocks up to a fixed 20 s for it: a probe that hangs that long is a
 * probe that times out instead of saying DOWN. The probe goes through Hibernate Reactive (a stateless session
 * on the application's pool), like every other statement outside the job queue.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {
    private final Mutiny.SessionFactory sessions;
    private final Duration timeout;

    public DatabaseReadiness(Mutiny.SessionFactory sessions,
            @ConfigProperty(name = "hub.health.ready-timeout", defaultValue = "2s") Duration timeout) {
        this.sessions = sessions;
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // The probe runs to its end on its own (its session is closed when the database answers or the
        // connection fails); only the wait for it is cut short.
        CompletableFuture<Object> answered = new CompletableFuture<>();
        sessions.withStatelessSession(session -> session.createNativeQuery("select 1").getSingleResult())
                .subscribe().with(answered::complete, answered::completeExceptionally);
        return Uni.createFrom().completionStage(answered)
                .ifNoItem().after(timeout).fail()
                .map(rows -> HealthCheckResponse.up("database"))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("database").down()
                        .withData("reason", failure instanceof io.smallrye.mutiny.TimeoutException
                                ? "no answer within " + timeout.toMillis() + " ms" : "unreachable")
                        .build());
    }
}
