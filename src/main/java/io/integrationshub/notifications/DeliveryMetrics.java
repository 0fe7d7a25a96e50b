package io.integrationshub.notifications;

import io.integrationshub.common.PeriodicTimer;
import io.integrationshub.common.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery metrics on /q/metrics:
 * <ul>
 * <li>{@code hub_notifications_deliveries_total{outcome,status_class}}: attempts by outcome (delivered,
 *     retried, rescheduled (retried after a 429/503's Retry-After), failed) and the response's status class (2xx..5xx, or none);</li>
 * <li>{@code hub_notifications_attempt_duration_seconds{status_class}}: one attempt's HTTP exchange;</li>
 * <li>{@code hub_notifications_retries_pending}: deliveries waiting for a retry after a failed attempt;</li>
 * <li>{@code hub_notifications_throttled_total}: runs put back because their URL had 4 deliveries in flight.</li>
 * </ul>
 */
@ApplicationScoped
public class DeliveryMetrics {
    private static final Logger LOG = Logger.getLogger(DeliveryMetrics.class);

    private final MeterRegistry registry;
    private final DeliveryStore store;
    private final PeriodicTimer retriesRefresh;
    private final NotificationsConfig config;
    private final AtomicLong retriesPending = new AtomicLong();
    private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();

    public DeliveryMetrics(MeterRegistry registry, DeliveryStore store, Vertx vertx, NotificationsConfig config) {
        this.registry = registry;
        this.store = store;
        this.retriesRefresh = new PeriodicTimer(vertx);
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("hub.notifications.retries.pending", retriesPending, AtomicLong::get)
                .description("Deliveries waiting for a retry after a failed attempt")
                .register(registry);
        // First refresh after one interval, not at start: a starting instance has enough to ask the database.
        retriesRefresh.start(config.metricsInterval(), this::refresh);
    }

    void stop(@Observes ShutdownEvent event) {
        retriesRefresh.stop();
    }

    void attempt(String outcome, Integer status, long nanos) {
        String statusClass = statusClass(status);
        // Meters are looked up once per tag set: at a thousand deliveries a second the builders would cost.
        deliveries.computeIfAbsent(outcome + "\u0000" + statusClass, key -> Counter.builder("hub.notifications.deliveries")
                .description("Delivery attempts by outcome and response status class")
                .tags("outcome", outcome, "status_class", statusClass)
                .register(registry)).increment();
        durations.computeIfAbsent(statusClass, key -> Meters.histogramTimer(registry, "hub.notifications.attempt.duration",
                "Duration of one delivery attempt's HTTP exchange", Duration.ofSeconds(30), "status_class", statusClass))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void throttled() {
        Counter.builder("hub.notifications.throttled")
                .description("Delivery runs put back because their URL had the maximum deliveries in flight")
                .register(registry).increment();
    }

    static String statusClass(Integer status) {
        return status == null ? "none" : (status / 100) + "xx";
    }

    void refresh() {
        store.retriesPending().subscribe().with(retriesPending::set,
                        failure -> LOG.debugf("pending retries not refreshed: %s", failure.toString()));
    }
}
