package io.integrationshub.notifications;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Notification delivery settings ({@code hub.notifications.*}); every key has a default (API.md 10). */
@ConfigMapping(prefix = "hub.notifications")
public interface NotificationsConfig {
    /**
     * Delays before retry 1, 2, ... of a failed delivery ({@code HUB_DELIVERY_RETRY_SCHEDULE}); a delivery
     * gets one attempt more than the schedule has entries, then fails.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    String retrySchedule();

    /** Each delay is varied by up to this fraction either way, so receivers recovering from an outage see no storm. */
    @WithDefault("0.2")
    double retryJitter();

    /** One attempt without a complete answer within this is a failed attempt. */
    @WithDefault("10s")
    Duration deliveryTimeout();

    /** Deliveries to one URL in flight at once on this instance; more wait for a free slot (rescheduled, no attempt used). */
    @WithDefault("4")
    int perUrlConcurrency();

    /** Longest Retry-After (429/503) honoured; longer ones wait this long. */
    @WithDefault("24h")
    Duration retryAfterMax();

    /** After a rotation the previous signing secret signs alongside the new one for this long. */
    @WithDefault("24h")
    Duration previousSecretTtl();

    /** How often the pending-retries gauge is refreshed. */
    @WithDefault("15s")
    Duration metricsInterval();
}
