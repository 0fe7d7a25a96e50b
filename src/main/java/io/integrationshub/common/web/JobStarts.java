package io.integrationshub.common.web;

import io.integrationshub.auth.Caller;
import io.integrationshub.idempotency.Idempotency;
import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobResponses;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The answer of a {@code POST} that starts a job under an {@code Idempotency-Key} (API.md 1.5): 202 with the
 * job and {@code Location: /v1/jobs/{id}}, or with {@code Prefer: wait=N} 200 once the job finished. The
 * idempotency record holds the immediate 202; the wait happens after it committed (the job runs only once its
 * transaction has), never inside it. A replay answers the recorded 202.
 */
@ApplicationScoped
public class JobStarts {
    private final Idempotency idempotency;
    private final JobResponses jobResponses;

    public JobStarts(Idempotency idempotency, JobResponses jobResponses) {
        this.idempotency = idempotency;
        this.jobResponses = jobResponses;
    }

    public Uni<Response> started(Caller caller, String key, UriInfo uri, String prefer, Supplier<Uni<Job>> start) {
        AtomicReference<Job> started = new AtomicReference<>();
        return idempotency.post(caller, key, uri, null, () -> start.get()
                        .invoke(started::set)
                        .flatMap(job -> jobResponses.accepted(job, null)).map(RestResponse::toResponse))
                .flatMap(response -> started.get() == null ? Uni.createFrom().item(response)
                        : jobResponses.accepted(started.get(), prefer).map(RestResponse::toResponse));
    }
}
