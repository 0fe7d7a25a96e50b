package io.integrationshub.jobs;

import io.integrationshub.jobs.api.JobContext;
import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobOutcome;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/** Job handlers that exist only in tests (types test.*). */
public final class TestJobHandlers {
    private TestJobHandlers() {
    }

    /** Succeeds at once with {"attempt": n}. */
    @ApplicationScoped
    public static class Noop implements JobHandler {
        final JobProbe probe;

        public Noop(JobProbe probe) {
            this.probe = probe;
        }

        @Override
        public String type() {
            return "test.noop";
        }

        @Override
        public Uni<JobOutcome> run(JobContext context) {
            probe.ran(context);
            return Uni.createFrom().item(JobOutcome.succeeded(JsonNodeFactory.instance.objectNode().put("attempt", context.attempt())));
        }
    }

    /** Fails its first payload.fail_times attempts: mode retry (default), throw or fail (permanent). */
    @ApplicationScoped
    public static class Flaky implements JobHandler {
        final JobProbe probe;

        public Flaky(JobProbe probe) {
            this.probe = probe;
        }

        @Override
        public String type() {
            return "test.flaky";
        }

        @Override
        public Uni<JobOutcome> run(JobContext context) {
            probe.ran(context);
            int failTimes = context.payload().path("fail_times").asInt(0);
            if (context.attempt() > failTimes) {
                return Uni.createFrom().item(JobOutcome.succeeded(JsonNodeFactory.instance.objectNode().put("attempt", context.attempt())));
            }
            return switch (context.payload().path("mode").asText("retry")) {
                case "throw" -> throw new IllegalStateException("connection to https://user:hunter2@example.test refused");
                case "fail" -> Uni.createFrom().item(JobOutcome.failed("boom", "permanent failure"));
                default -> Uni.createFrom().item(JobOutcome.retry("flaky", "attempt " + context.attempt() + " failed"));
            };
        }
    }

    /** The first run reschedules itself 300 ms later; the next succeeds with {"attempt", "runs"}. */
    @ApplicationScoped
    public static class Reschedule implements JobHandler {
        final JobProbe probe;

        public Reschedule(JobProbe probe) {
            this.probe = probe;
        }

        @Override
        public String type() {
            return "test.reschedule";
        }

        @Override
        public Uni<JobOutcome> run(JobContext context) {
            int runs = probe.ran(context);
            if (runs == 1) {
                return Uni.createFrom().item(JobOutcome.rescheduleAt(Instant.now().plusMillis(300), "rate limited"));
            }
            return Uni.createFrom().item(JobOutcome.succeeded(JsonNodeFactory.instance.objectNode()
                    .put("attempt", context.attempt()).put("runs", runs)));
        }
    }

    /** Takes payload.millis (default 200) without blocking, then succeeds. */
    @ApplicationScoped
    public static class Slow implements JobHandler {
        final JobProbe probe;

        public Slow(JobProbe probe) {
            this.probe = probe;
        }

        @Override
        public String type() {
            return "test.slow";
        }

        @Override
        public Uni<JobOutcome> run(JobContext context) {
            probe.ran(context);
            long millis = context.payload().path("millis").asLong(200);
            return Uni.createFrom().item(JobOutcome.succeeded()).onItem().delayIt().by(Duration.ofMillis(millis));
        }
    }

    /**
     * Waits until the test opens the job's gate ({@link JobProbe#open}); attempts above
     * payload.gate_attempts (when given) succeed at once. Records its cancellation.
     */
    @ApplicationScoped
    public static class Gate implements JobHandler {
        final JobProbe probe;

        public Gate(JobProbe probe) {
            this.probe = probe;
        }

        @Override
        public String type() {
            return "test.gate";
        }

        @Override
        public Uni<JobOutcome> run(JobContext context) {
            return gated(probe, context);
        }
    }

    static Uni<JobOutcome> gated(JobProbe probe, JobContext context) {
        probe.ran(context);
        int gated = context.payload().path("gate_attempts").asInt(Integer.MAX_VALUE);
        if (context.attempt() > gated) {
            return Uni.createFrom().item(JobOutcome.succeeded(JsonNodeFactory.instance.objectNode().put("attempt", context.attempt())));
        }
        return Uni.createFrom().completionStage(() -> probe.gate(context.jobId()).copy())
                .onCancellation().invoke(() -> probe.cancelled.add(context.jobId()));
    }

    /** Never finishes; its attempts time out after 200 ms. */
    @ApplicationScoped
    public static class Hang implements JobHandler {
        final JobProbe probe;

        public Hang(JobProbe probe) {
            this.probe = probe;
        }

        @Override
        public String type() {
            return "test.hang";
        }

        @Override
        public Duration timeout() {
            return Duration.ofMillis(200);
        }

        @Override
        public Uni<JobOutcome> run(JobContext context) {
            probe.ran(context);
            return Uni.createFrom().nothing();
        }
    }
}
