package io.integrationshub.jobs.bench;

import io.integrationshub.jobs.api.JobContext;
import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The benchmark's no-op job: notes when it started (System.nanoTime) and succeeds at once. */
@Singleton
public class BenchNoopHandler implements JobHandler {
    public static final String TYPE = "bench.noop";
    final Map<UUID, Long> startedNanos = new ConcurrentHashMap<>();
    final AtomicInteger runs = new AtomicInteger();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Uni<JobOutcome> run(JobContext context) {
        startedNanos.put(context.jobId(), System.nanoTime());
        runs.incrementAndGet();
        return Uni.createFrom().item(JobOutcome.succeeded());
    }
}
