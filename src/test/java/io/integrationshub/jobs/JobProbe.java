package io.integrationshub.jobs;

import io.integrationshub.jobs.api.JobContext;
import io.integrationshub.jobs.api.JobOutcome;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** (A @Singleton: no client proxy, so tests may read its fields.) What the test handlers saw: runs per job, attempt numbers, gates the tests open, cancellations. */
@Singleton
public class JobProbe {
    final Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
    final Map<UUID, List<Integer>> attempts = new ConcurrentHashMap<>();
    final Map<UUID, CompletableFuture<JobOutcome>> gates = new ConcurrentHashMap<>();
    final Set<UUID> cancelled = ConcurrentHashMap.newKeySet();

    int ran(JobContext context) {
        attempts.computeIfAbsent(context.jobId(), id -> new CopyOnWriteArrayList<>()).add(context.attempt());
        return runs.computeIfAbsent(context.jobId(), id -> new AtomicInteger()).incrementAndGet();
    }

    int runs(UUID jobId) {
        AtomicInteger n = runs.get(jobId);
        return n == null ? 0 : n.get();
    }

    CompletableFuture<JobOutcome> gate(UUID jobId) {
        return gates.computeIfAbsent(jobId, id -> new CompletableFuture<>());
    }

    void open(UUID jobId, JobOutcome outcome) {
        gate(jobId).complete(outcome);
    }
}
