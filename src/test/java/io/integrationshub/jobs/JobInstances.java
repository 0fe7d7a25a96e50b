package io.integrationshub.jobs;

import io.integrationshub.jobs.api.JobContext;
import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobOutcome;
import io.integrationshub.jobs.engine.JobEngine;
import io.integrationshub.jobs.engine.JobEngineSettings;
import io.integrationshub.jobs.engine.JobHandlers;
import io.integrationshub.jobs.engine.JobMetrics;
import io.integrationshub.jobs.engine.JobStore;
import io.integrationshub.jobs.engine.PgListener;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Further service instances for a test: each its own engine, pool, LISTEN connection and faultable store. */
final class JobInstances {
    /** One instance: its engine and the store its engine writes through. */
    record Instance(JobEngine engine, TestJobStore store) {
    }

    private final Vertx vertx;
    private final Config config;
    private final JobMetrics metrics;
    private final List<JobEngine> engines = new ArrayList<>();
    private final List<Pool> pools = new ArrayList<>();

    JobInstances(Vertx vertx, Config config, JobMetrics metrics) {
        this.vertx = vertx;
        this.config = config;
        this.metrics = metrics;
    }

    Instance start(String name, JobEngineSettings settings, Collection<JobHandler> handlers) {
        PgConnectOptions options = PgListener.connectOptions(config);
        Pool own = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(JobStore.connectOptions(config))
                .using(vertx).build();
        pools.add(own);
        JobEngineSettings named = settings.withInstanceId(name + "-" + UUID.randomUUID().toString().substring(0, 8));
        TestJobStore store = new TestJobStore(own, named);
        JobEngine engine = new JobEngine(vertx, store, options, named, new JobHandlers(handlers), metrics);
        engines.add(engine);
        engine.start();
        return new Instance(engine, store);
    }

    /** A store of an instance that runs no engine: a test drives its statements itself. */
    TestJobStore storeOnly(String name, JobEngineSettings settings) {
        Pool own = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(JobStore.connectOptions(config))
                .using(vertx).build();
        pools.add(own);
        return new TestJobStore(own, settings.withInstanceId(name + "-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    void stopAll() {
        engines.forEach(e -> e.stop(Duration.ZERO).await().atMost(Duration.ofSeconds(20)));
        pools.forEach(p -> p.close().await().atMost(Duration.ofSeconds(10)));
        engines.clear();
        pools.clear();
    }

    static JobHandler handler(String type, Function<JobContext, Uni<JobOutcome>> run) {
        return handler(type, null, run);
    }

    /** A handler of this type; {@code retryDelay} null: the engine's backoff. */
    static JobHandler handler(String type, Duration retryDelay, Function<JobContext, Uni<JobOutcome>> run) {
        return new JobHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Uni<JobOutcome> run(JobContext context) {
                return run.apply(context);
            }

            @Override
            public Duration retryDelay(int attempt) {
                return retryDelay;
            }
        };
    }
}
