package io.integrationshub.notifications;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The retry schedule of deliveries, e.g. {@code 5s,5m,30m,2h,5h,10h,10h}: entry n is the delay after
 * failed attempt n. Each delay is jittered by ±{@code jitter} so that deliveries that failed together
 * (a receiver's outage) do not all come back at the same instant.
 */
public final class RetrySchedule {
    private static final Pattern ENTRY = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private final List<Duration> delays;
    private final double jitter;

    RetrySchedule(List<Duration> delays, double jitter) {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("the retry schedule needs at least one delay");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("the retry jitter must be in [0, 1)");
        }
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
    }

    /** Parses a comma-separated list of {@code <n>ms|s|m|h|d}; anything else fails naming the entry. */
    public static RetrySchedule parse(String text, double jitter) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("hub.notifications.retry-schedule (HUB_DELIVERY_RETRY_SCHEDULE) is empty");
        }
        List<Duration> delays = new ArrayList<>();
        for (String raw : text.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("hub.notifications.retry-schedule (HUB_DELIVERY_RETRY_SCHEDULE): \""
                        + raw.trim() + "\" is not a delay such as 500ms, 5s, 5m, 2h or 1d");
            }
            long n = Long.parseLong(m.group(1));
            delays.add(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return new RetrySchedule(delays, jitter);
    }

    /** Attempts a delivery gets: the first one and one per schedule entry. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    public List<Duration> delays() {
        return delays;
    }

    /** The nominal delay after failed attempt {@code attempt} (from 1); past the end, the last entry. */
    public Duration nominal(int attempt) {
        return delays.get(Math.max(0, Math.min(attempt, delays.size()) - 1));
    }

    /** The nominal delay varied uniformly within ±jitter. */
    public Duration delayAfter(int attempt) {
        long millis = nominal(attempt).toMillis();
        double factor = 1 + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-jitter, jitter));
        return Duration.ofMillis(Math.max(0, Math.round(millis * factor)));
    }
}
