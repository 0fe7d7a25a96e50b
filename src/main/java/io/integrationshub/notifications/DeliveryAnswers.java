package io.integrationshub.notifications;

import io.integrationshub.auth.Caller;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobResponses;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The answer of {@code POST …/test} and {@code …/redeliver}: a delivery runs as a job, so they answer
 * like every endpoint that starts one (API.md 1.5): 202 with the job (its target is the delivery) and
 * {@code Location: /v1/jobs/{id}}, or with {@code Prefer: wait=N} 200 once the job finished.
 */
@ApplicationScoped
public class DeliveryAnswers {
    private final Idempotency idempotency;
    private final JobResponses jobResponses;

    public DeliveryAnswers(Idempotency idempotency, JobResponses jobResponses) {
        this.idempotency = idempotency;
        this.jobResponses = jobResponses;
    }

    /**
     * The idempotency record holds the immediate 202; the wait happens after it committed (the job runs
     * only once its transaction has), never inside it.
     */
    Uni<Response> started(Caller caller, String key, String path, String prefer,
            Supplier<Uni<DeliveryService.Started>> start) {
        AtomicReference<Job> started = new AtomicReference<>();
        return idempotency.execute(caller, key, "POST", path, null, () -> start.get()
                        .invoke(s -> started.set(s.job()))
                        .flatMap(s -> jobResponses.accepted(s.job(), null)).map(RestResponse::toResponse))
                .flatMap(response -> started.get() == null ? Uni.createFrom().item(response)
                        : jobResponses.accepted(started.get(), prefer).map(RestResponse::toResponse));
    }
}
