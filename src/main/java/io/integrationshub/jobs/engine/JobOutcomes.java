package io.integrationshub.jobs.engine;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobError;
import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobOutcome;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/** Turns what a handler returned (or threw) into the row update the completion statement writes. */
final class JobOutcomes {
    private static final Logger LOG = Logger.getLogger(JobOutcomes.class);

    private JobOutcomes() {
    }

    static JobStore.Outcome toWrite(Job job, JobHandler handler, JobOutcome outcome, Throwable failure,
            JobEngineSettings settings) {
        if (outcome == null) {
            outcome = new JobOutcome.Retry(errorOf(job, failure));
        }
        if (outcome instanceof JobOutcome.Succeeded s) {
            return new JobStore.Outcome(job, "succeeded", JobRows.text(s.result()), null, 0, 0, "succeeded");
        }
        if (outcome instanceof JobOutcome.Failed f) {
            return new JobStore.Outcome(job, "failed", null, JobRows.text(f.error()), 0, 0, "failed");
        }
        if (outcome instanceof JobOutcome.Retry retry) {
            if (job.attempts >= job.maxAttempts) {
                return new JobStore.Outcome(job, "failed", null, JobRows.text(retry.error()), 0, 0, "failed");
            }
            Duration delay = retry.delay() != null ? retry.delay() : handler.retryDelay(job.attempts);
            if (delay == null || delay.isNegative()) {
                delay = JobBackoff.fullJitter(job.attempts, settings.backoffBase(), settings.backoffMax());
            }
            // The delay only: the database adds it to its own clock.
            return new JobStore.Outcome(job, "queued", null, JobRows.text(retry.error()), delay.toMillis(), 0, "retried");
        }
        if (outcome instanceof JobOutcome.Reschedule reschedule) {
            LOG.debugf("job %s (%s) rescheduled for %s: %s", job.id, job.type, reschedule.when(), reschedule.reason());
            // The handler's instant becomes a delay at once; the database adds it to its clock.
            long delay = Math.max(0, Duration.between(Instant.now(), reschedule.when()).toMillis());
            return new JobStore.Outcome(job, "queued", null, null, delay, 1, "rescheduled");
        }
        throw new IllegalStateException("unknown outcome " + outcome);
    }

    private static JobError errorOf(Job job, Throwable failure) {
        if (failure instanceof TimeoutException) {
            return new JobError("timeout", "the job did not finish within its time limit");
        }
        if (failure != null) {
            // The exception's message may hold anything (URLs with credentials, provider bodies): the job
            // and the WARN log keep only its type and where it was thrown; DEBUG has the whole exception.
            StackTraceElement[] frames = failure.getStackTrace();
            LOG.warnf("job %s (%s) attempt %d failed: %s at %s", job.id, job.type, job.attempts,
                    failure.getClass().getName(), frames.length > 0 ? frames[0] : "?");
            LOG.debugf(failure, "job %s attempt %d failure", job.id, job.attempts);
            return new JobError("handler_error", "the job failed unexpectedly (" + failure.getClass().getSimpleName() + ")");
        }
        return new JobError("handler_error", "the job handler returned no outcome");
    }
}
