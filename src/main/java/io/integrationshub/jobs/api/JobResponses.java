package io.integrationshub.jobs.api;

import io.integrationshub.jobs.engine.JobWaiter;
import io.integrationshub.jobs.engine.JobWaiter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The HTTP answer of every endpoint that starts a job (API.md 1.5): {@code 202 Accepted} with the
 * job and {@code Location: /v1/jobs/{id}}; with {@code Prefer: wait=N} the server first waits up to N
 * seconds and answers {@code 200} with the finished job if it finished, else 202 with its current state.
 * <p>
 * Per RFC 7240 a preference the server cannot honour is ignored: a {@code wait} that is not a
 * non-negative integer is ignored (no wait), values above {@value #MAX_WAIT_SECONDS} are treated as
 * {@value #MAX_WAIT_SECONDS}. A honoured wait is echoed in {@code Preference-Applied}.
 * <p>
 * Call it from the resource, after the service's transaction committed:
 * <pre>{@code
 * return service.sync(caller, id).flatMap(job -> jobResponses.accepted(job, prefer));
 * }</pre>
 */
@ApplicationScoped
public class JobResponses {
    public static final int MAX_WAIT_SECONDS = 30;
    public static final String PREFER = "Prefer";
    /** For the {@code @Parameter} of the Prefer header on endpoints that start jobs. */
    public static final String PREFER_DESCRIPTION = "RFC 7240 preferences. wait=N (seconds) waits up to N for the job to "
            + "finish: 200 with the finished job, else 202. N above 30 counts as 30; a malformed wait is ignored.";

    private final JobWaiter waiter;

    public JobResponses(JobWaiter waiter) {
        this.waiter = waiter;
    }

    public Uni<RestResponse<JobView>> accepted(Job job, String preferHeader) {
        if (job == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("job is required"));
        }
        OptionalInt wait = waitSeconds(preferHeader);
        if (wait.isEmpty() || job.isFinished()) {
            return Uni.createFrom().item(answer(job, job, wait));
        }
        return waiter.awaitFinished(job.id, Duration.ofSeconds(wait.getAsInt()))
                .map(latest -> answer(job, latest == null ? job : latest, wait));
    }

    private static RestResponse<JobView> answer(Job started, Job latest, OptionalInt wait) {
        RestResponse.ResponseBuilder<JobView> builder;
        if (latest.isFinished() && wait.isPresent()) {
            // The finished job, with where it lives (Content-Location: this body is that resource).
            builder = RestResponse.ResponseBuilder.ok(JobView.of(latest))
                    .header("Content-Location", "/v1/jobs/" + started.id);
        } else {
            builder = RestResponse.ResponseBuilder.<JobView>accepted().entity(JobView.of(latest))
                    .location(URI.create("/v1/jobs/" + started.id));
        }
        wait.ifPresent(seconds -> builder.header("Preference-Applied", "wait=" + seconds));
        return builder.build();
    }

    /**
     * The {@code wait} preference in seconds, clamped to 0..30; empty when absent, malformed or 0.
     * Preferences are comma-separated {@code token[=value]} pairs with optional {@code ;params};
     * names are case-insensitive and the first {@code wait} counts.
     */
    public static OptionalInt waitSeconds(String preferHeader) {
        if (preferHeader == null || preferHeader.isBlank()) {
            return OptionalInt.empty();
        }
        for (String preference : preferHeader.split(",")) {
            String head = preference.split(";", 2)[0].trim();
            int eq = head.indexOf('=');
            String name = (eq < 0 ? head : head.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            if (!name.equals("wait")) {
                continue;
            }
            if (eq < 0) {
                return OptionalInt.empty();
            }
            String value = head.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).trim();
            }
            if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return OptionalInt.empty();
            }
            long seconds = Long.parseLong(value);
            return seconds == 0 ? OptionalInt.empty() : OptionalInt.of((int) Math.min(seconds, MAX_WAIT_SECONDS));
        }
        return OptionalInt.empty();
    }
}
