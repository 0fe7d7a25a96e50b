package io.integrationshub.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.integrationshub.common.Times;
import io.integrationshub.jobs.api.JobContext;
import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobOutcome;
import io.integrationshub.jobs.api.JobTypes;
import io.integrationshub.notifications.DeliveryStore.Attempt;
import io.integrationshub.notifications.DeliveryStore.Target;
import io.integrationshub.outbound.OutboundHttp;
import io.integrationshub.outbound.OutboundRefusedException;
import io.integrationshub.outbound.OutboundResponse;
import io.integrationshub.secrets.SecretCipher;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * Runs one attempt of a delivery (API.md 10). 2xx: delivered. 410: the integration is disabled and the
 * delivery fails. Anything else, a redirect (never followed), no answer within the delivery timeout, or a
 * destination the outbound policy refuses after DNS resolution: a failed attempt, retried on the configured
 * schedule, then failed. A 429/503 with Retry-After is such a failed attempt too; it only lengthens the wait
 * before the next one to the Retry-After (at most {@code retry-after-max}) when that is longer than the
 * schedule's delay, so a receiver that keeps answering it cannot hold a delivery pending for ever.
 */
@ApplicationScoped
public class DeliveryJobHandler implements JobHandler {
    private final DeliveryStore store;
    private final OutboundHttp outbound;
    private final SecretCipher cipher;
    private final DeliveryMetrics metrics;
    private final ObjectMapper json;
    private final RetrySchedule schedule;
    private final UrlLimiter limiter;
    private final Duration timeout;
    private final Duration retryAfterMax;

    public DeliveryJobHandler(DeliveryStore store, OutboundHttp outbound, SecretCipher cipher, DeliveryMetrics metrics,
            ObjectMapper json, NotificationsConfig config) {
        this.store = store;
        this.outbound = outbound;
        this.cipher = cipher;
        this.metrics = metrics;
        this.json = json;
        this.schedule = RetrySchedule.parse(config.retrySchedule(), config.retryJitter());
        this.limiter = new UrlLimiter(config.perUrlConcurrency());
        this.timeout = config.deliveryTimeout();
        this.retryAfterMax = config.retryAfterMax();
    }

    @Override
    public String type() {
        return JobTypes.NOTIFICATION_DELIVER;
    }

    @Override
    public int maxAttempts() {
        return schedule.maxAttempts();
    }

    @Override
    public Duration timeout() {
        return timeout.plusSeconds(30); // the HTTP exchange is cut at the delivery timeout; this bounds the rest
    }

    @Override
    public Duration retryDelay(int attempt) {
        return schedule.delayAfter(attempt);
    }

    @Override
    public Uni<JobOutcome> run(JobContext context) {
        UUID deliveryId = UUID.fromString(context.payload().path("delivery_id").asText());
        return store.load(deliveryId).flatMap(target -> {
            if (target == null) {
                return Uni.createFrom().item(skipped("the delivery no longer exists"));
            }
            if (!NotificationDelivery.PENDING.equals(target.status())) {
                return Uni.createFrom().item(skipped("the delivery is " + target.status() + " already"));
            }
            if (!target.enabled() && !EventTypes.PING.equals(target.eventType())) {
                return store.fail(deliveryId, "the notification integration is disabled")
                        .replaceWith(JobOutcome.failed("integration_disabled", "the notification integration is disabled"));
            }
            String url = cipher.open(target.urlCiphertext(), NotificationIntegration.URL_CONTEXT, target.integrationId());
            UrlLimiter.Permit permit = limiter.tryAcquire(url);
            if (permit == null) {
                metrics.throttled();
                return Uni.createFrom().item(JobOutcome.rescheduleAt(
                        Instant.now().plusMillis(50 + ThreadLocalRandom.current().nextInt(200)),
                        "the URL has its maximum of deliveries in flight"));
            }
            return attempt(target, url).eventually(permit::close).flatMap(result -> decide(context, target, result));
        });
    }

    private Uni<Exchange> attempt(Target target, String url) {
        List<String> secrets = secrets(target);
        Instant at = Times.now();
        DeliveryRequest request = DeliveryRequest.of(json, target, secrets, at.getEpochSecond());
        long started = System.nanoTime();
        Uni<OutboundResponse> sent = outbound.send(HttpMethod.POST, URI.create(url), request.headers(),
                Buffer.buffer(request.body()), true);
        Uni<Void> cleanup = secrets.size() == 1 && target.previousSecretCiphertext() != null
                ? store.dropExpiredPreviousSecret(target.integrationId()) : Uni.createFrom().voidItem();
        return cleanup.flatMap(v -> sent)
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer"))
                .map(response -> new Exchange(at, System.nanoTime() - started, response, null))
                .onFailure().recoverWithItem(failure -> new Exchange(at, System.nanoTime() - started, null, describe(failure)));
    }

    private List<String> secrets(Target target) {
        List<String> secrets = new ArrayList<>(2);
        if (target.secretCiphertext() == null) {
            return secrets;
        }
        secrets.add(cipher.open(target.secretCiphertext(), NotificationIntegration.SECRET_CONTEXT, target.integrationId()));
        if (target.previousSecretCiphertext() != null && target.previousSecretExpiresAt() != null
                && target.previousSecretExpiresAt().isAfter(Instant.now())) {
            secrets.add(cipher.open(target.previousSecretCiphertext(), NotificationIntegration.PREVIOUS_SECRET_CONTEXT,
                    target.integrationId()));
        }
        return secrets;
    }

    private Uni<JobOutcome> decide(JobContext context, Target target, Exchange exchange) {
        Integer status = exchange.response() == null ? null : exchange.response().statusCode();
        String excerpt = exchange.response() == null ? null : Excerpts.of(exchange.response().body().getBytes());
        int millis = (int) Math.min(Integer.MAX_VALUE, exchange.nanos() / 1_000_000);
        if (status != null && status >= 200 && status < 300) {
            metrics.attempt("delivered", status, exchange.nanos());
            return store.record(target.deliveryId(), new Attempt(exchange.at(), millis, status, excerpt, null),
                            NotificationDelivery.DELIVERED)
                    .replaceWith(JobOutcome.succeeded(JsonNodeFactory.instance.objectNode().put("response_status", status)));
        }
        if (status != null && status == 410) {
            metrics.attempt("failed", status, exchange.nanos());
            String error = "the receiver answered 410 Gone: the notification integration was disabled";
            return store.disableGone(target)
                    .call(() -> store.record(target.deliveryId(), new Attempt(exchange.at(), millis, status, excerpt, error),
                            NotificationDelivery.FAILED))
                    .replaceWith(JobOutcome.failed("gone", error));
        }
        Duration retryAfter = status != null && (status == 429 || status == 503) && !context.isLastAttempt()
                ? RetryAfter.parse(exchange.response().header("Retry-After"), Instant.now()) : null;
        if (retryAfter != null) {
            // The attempt counts like any other failure; the receiver's wait only lengthens the schedule's.
            Duration asked = retryAfter.compareTo(retryAfterMax) > 0 ? retryAfterMax : retryAfter;
            Duration scheduled = schedule.delayAfter(context.attempt());
            Duration wait = asked.compareTo(scheduled) > 0 ? asked : scheduled;
            metrics.attempt("rescheduled", status, exchange.nanos());
            String error = "the receiver answered " + status + " with Retry-After: next attempt in " + seconds(wait) + " s";
            return store.record(target.deliveryId(), new Attempt(exchange.at(), millis, status, excerpt, error),
                            NotificationDelivery.PENDING)
                    .replaceWith(JobOutcome.retryIn(wait, "attempt_failed", error));
        }
        String error = exchange.error() != null ? exchange.error()
                : status >= 300 && status < 400 ? "the receiver answered " + status + " (a redirect, not followed)"
                : "the receiver answered " + status;
        boolean last = context.isLastAttempt();
        metrics.attempt(last ? "failed" : "retried", status, exchange.nanos());
        return store.record(target.deliveryId(), new Attempt(exchange.at(), millis, status, excerpt, error),
                        last ? NotificationDelivery.FAILED : NotificationDelivery.PENDING)
                .replaceWith(last ? JobOutcome.failed("delivery_failed", "attempt " + context.attempt() + " of "
                        + context.maxAttempts() + " failed: " + error) : JobOutcome.retry("attempt_failed", error));
    }

    /** Whole seconds, rounded up: "next attempt in 0 s" would say less than the wait is. */
    private static long seconds(Duration wait) {
        return (wait.toMillis() + 999) / 1000;
    }

    /** A failure in words that hold neither the URL's path nor anything else secret. */
    private String describe(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "no complete answer within " + timeout.toMillis() + " ms";
        }
        if (failure instanceof OutboundRefusedException refused) {
            return "refused by the outbound policy: " + refused.reason();
        }
        if (failure instanceof java.net.UnknownHostException) {
            return "the host does not resolve";
        }
        return "the request failed (" + failure.getClass().getSimpleName() + ")";
    }

    private static JobOutcome skipped(String why) {
        return JobOutcome.succeeded(JsonNodeFactory.instance.objectNode().put("skipped", why));
    }

    private record Exchange(Instant at, long nanos, OutboundResponse response, String error) {
    }
}
