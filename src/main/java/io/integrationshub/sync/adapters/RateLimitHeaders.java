package io.integrationshub.sync.adapters;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads a provider's rate-limit headers: {@code Retry-After} (delta seconds or an HTTP date, RFC 9110)
 * and {@code x-ratelimit-remaining} / {@code x-ratelimit-reset} (GitHub, Docker Hub: epoch seconds).
 */
final class RateLimitHeaders {
    private static final List<String> RESET_HEADERS = List.of("X-RateLimit-Reset", "RateLimit-Reset", "X-Rate-Limit-Reset");
    private static final List<String> REMAINING_HEADERS = List.of("X-RateLimit-Remaining", "RateLimit-Remaining",
            "X-Rate-Limit-Remaining");

    private RateLimitHeaders() {
    }

    /** True when the provider says no call is left in the current window. */
    static boolean exhausted(UnaryOperator<String> headers) {
        for (String name : REMAINING_HEADERS) {
            String value = Sources.trim(headers.apply(name));
            if (value != null) {
                return value.equals("0");
            }
        }
        return false;
    }

    /**
     * When the provider allows the next call: Retry-After first, else a reset header read as epoch
     * seconds when it looks like one and as seconds from now otherwise (RateLimit-Reset is a delta).
     * Never before {@code now}; null when no header says.
     */
    static Instant retryAt(UnaryOperator<String> headers, Instant now) {
        Instant retryAfter = retryAfter(headers.apply("Retry-After"), now);
        if (retryAfter != null) {
            return retryAfter;
        }
        for (String name : RESET_HEADERS) {
            String value = Sources.trim(headers.apply(name));
            if (value != null && value.matches("\\d{1,12}(\\.\\d+)?")) {
                long seconds = (long) Double.parseDouble(value);
                Instant at = seconds > 1_000_000_000L ? Instant.ofEpochSecond(seconds) : now.plusSeconds(seconds);
                return at.isBefore(now) ? now : at;
            }
        }
        return null;
    }

    /** A Retry-After value: delta seconds or an IMF-fixdate; null when absent or unreadable. */
    static Instant retryAfter(String value, Instant now) {
        String v = Sources.trim(value);
        if (v == null) {
            return null;
        }
        if (v.matches("\\d{1,10}")) {
            return now.plusSeconds(Long.parseLong(v));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isBefore(now) ? now : at;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
