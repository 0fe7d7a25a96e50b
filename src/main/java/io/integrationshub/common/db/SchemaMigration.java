package io.integrationshub.common.db;

import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Brings the schema up to date at start with Flyway, on a thread of its own from the moment the CDI container
 * exists, so that Flyway's work (a JDBC connection, the lock, every pending migration: ~450 ms of a 2 s start) runs
 * beside the rest of the start (Hibernate's boot, the OpenAPI document) instead of between its steps
 * (docs/benchmarks.md, Start-up). The start still waits for it: the first {@link StartupEvent} observer joins the
 * migration, and Quarkus opens the HTTP port only after {@code StartupEvent}, so no request, job or timer ever sees
 * an unmigrated schema, and a failed migration fails the start as {@code quarkus.flyway.migrate-at-start} would.
 *
 * <p>The early start needs the datasource settings before the runtime configuration exists: in JVM mode the
 * configuration of the static-init phase holds the same sources (environment, system properties, the
 * application's and the working directory's properties, {@code .env}). The runtime settings are compared at
 * {@code StartupEvent}: if another source changed them, the migration runs again there, on the runtime settings.
 * In a native image the static-init phase runs at build time, so the migration runs at {@code StartupEvent}.
 * When Quarkus' own Flyway start actions are on ({@code quarkus.flyway.migrate-at-start} or {@code clean-at-start},
 * as in the tests), the migration waits for {@code StartupEvent} too, so that it runs after them instead of
 * racing them.
 */
@ApplicationScoped
public class SchemaMigration {
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);
    static final String ENABLED = "hub.db.migrate-at-start";

    /** Where the early migration stands; set once by the container's initialisation, read at StartupEvent. */
    private static volatile Early early;

    record Target(String url, String user, String password, String locations) {
        static Target of(Config config) {
            return new Target(config.getValue("quarkus.datasource.jdbc.url", String.class),
                    config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                    config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null),
                    config.getOptionalValue("quarkus.flyway.locations", String.class).orElse("db/migration"));
        }

        @Override
        public String toString() {
            return url; // never the password
        }
    }

    private record Early(Target target, CompletableFuture<Void> done) {
    }

    static void startEarly(@Observes @Initialized(ApplicationScoped.class) Object containerReady) {
        if (ImageMode.current() != ImageMode.JVM) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        if (!wanted(config) || quarkusFlywayActsAtStart(config)) {
            return;
        }
        Target target;
        try {
            target = Target.of(config);
        } catch (RuntimeException unresolved) {
            return; // e.g. HUB_DB_HOST unset: StartupEvent reads the runtime configuration and reports it there
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                migrate(target, loader);
                done.complete(null);
            } catch (Throwable failure) {
                done.completeExceptionally(failure);
            }
        }, "schema-migration");
        thread.setDaemon(true);
        thread.setContextClassLoader(loader);
        thread.start();
        early = new Early(target, done);
    }

    /** First of the start-up observers: nothing that reads or writes the database runs before the schema is current. */
    void awaitAtStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, Config config) {
        Early started = early;
        early = null;
        if (!wanted(config)) {
            return;
        }
        Target target = Target.of(config);
        if (started != null && started.target().equals(target)) {
            try {
                started.done().join();
                return;
            } catch (CompletionException failed) {
                throw new IllegalStateException("schema migration of " + target + " failed", failed.getCause());
            }
        }
        if (started != null) {
            LOG.warnf("the runtime configuration names another database than the start-up's (%s, not %s): migrating it now",
                    target, started.target());
        }
        migrate(target, Thread.currentThread().getContextClassLoader());
    }

    private static void migrate(Target target, ClassLoader loader) {
        long began = System.nanoTime();
        int applied = Flyway.configure(loader)
                .dataSource(target.url(), target.user(), target.password())
                .locations(target.locations().split(","))
                .load()
                .migrate()
                .migrationsExecuted;
        LOG.infof("schema of %s is current: %d migration(s) applied in %d ms", target, applied,
                (System.nanoTime() - began) / 1_000_000);
    }

    private static boolean wanted(Config config) {
        return config.getOptionalValue(ENABLED, Boolean.class).orElse(true);
    }

    private static boolean quarkusFlywayActsAtStart(Config config) {
        return config.getOptionalValue("quarkus.flyway.migrate-at-start", Boolean.class).orElse(false)
                || config.getOptionalValue("quarkus.flyway.clean-at-start", Boolean.class).orElse(false);
    }
}
