package io.integrationshub.common.health;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs the readiness checks once in the background as the service starts, so that the first probe finds the
 * health reporter, its JSON writer and the database check's first statement already loaded and prepared. Cold,
 * that first probe took ~165 ms against ~5 ms warm, and launch-to-ready waits for it (docs/benchmarks.md,
 * Start-up). The outcome is dropped: readiness is only ever what a probe is answered.
 */
@ApplicationScoped
class ReadinessWarmUp {
    void warm(@Observes StartupEvent event, SmallRyeHealthReporter reporter, Vertx vertx) {
        // On a context of its own, as a request would be: Hibernate Reactive runs the database check there.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> reporter.getReadinessAsync().subscribe().with(health -> { }, failure -> { }));
    }
}
