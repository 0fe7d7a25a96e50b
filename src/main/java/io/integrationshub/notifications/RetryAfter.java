package io.integrationshub.notifications;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** {@code Retry-After} (RFC 9110 10.2.3): delay-seconds or an HTTP-date. */
final class RetryAfter {
    /** Waiting less than this is no back-off at all: a receiver saying "0" is not retried in a tight loop. */
    static final Duration MINIMUM = Duration.ofSeconds(1);

    private RetryAfter() {
    }

    /** The wait the header asks for (at least {@link #MINIMUM}), or null when absent or unreadable. */
    static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        Duration wait;
        if (value.chars().allMatch(Character::isDigit)) {
            if (value.length() > 9) {
                return Duration.ofDays(365); // capped by the caller
            }
            wait = Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return wait.compareTo(MINIMUM) < 0 ? MINIMUM : wait;
    }
}
