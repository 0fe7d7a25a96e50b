package io.integrationshub.sync.adapters;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Retry-After (RFC 9110) and x-ratelimit-* headers (GitHub, Docker Hub). */
class RateLimitHeadersTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    /** Header lookup that ignores case, as HTTP header names do. */
    static UnaryOperator<String> headers(String... nameValues) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return map::get;
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(RateLimitHeaders.retryAt(headers("Retry-After", "120"), NOW)).isEqualTo(NOW.plusSeconds(120));
        assertThat(RateLimitHeaders.retryAt(headers("Retry-After", "Mon, 30 Nov 2026 12:05:00 GMT"), NOW))
                .isEqualTo(Instant.parse("2026-11-30T12:05:00Z"));
        // A date in the past means now.
        assertThat(RateLimitHeaders.retryAt(headers("Retry-After", "Sun, 29 Nov 2026 12:05:00 GMT"), NOW)).isEqualTo(NOW);
    }

    @Test
    void resetAsEpochSecondsOrAsADelta() {
        long reset = NOW.plusSeconds(900).getEpochSecond();
        assertThat(RateLimitHeaders.retryAt(headers("x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset)), NOW))
                .isEqualTo(NOW.plusSeconds(900));
        assertThat(RateLimitHeaders.retryAt(headers("RateLimit-Reset", "30"), NOW)).isEqualTo(NOW.plusSeconds(30));
        assertThat(RateLimitHeaders.retryAt(headers("X-RateLimit-Reset", Long.toString(NOW.minusSeconds(5).getEpochSecond())), NOW))
                .isEqualTo(NOW);
    }

    @Test
    void retryAfterWinsOverTheResetAndUnreadableValuesAreIgnored() {
        assertThat(RateLimitHeaders.retryAt(headers("Retry-After", "10", "X-RateLimit-Reset", "99999999999"), NOW))
                .isEqualTo(NOW.plusSeconds(10));
        assertThat(RateLimitHeaders.retryAt(headers("Retry-After", "soon", "X-RateLimit-Reset", "later"), NOW)).isNull();
        assertThat(RateLimitHeaders.retryAt(headers(), NOW)).isNull();
    }

    @Test
    void exhaustedOnlyWhenRemainingIsZero() {
        assertThat(RateLimitHeaders.exhausted(headers("x-ratelimit-remaining", "0"))).isTrue();
        assertThat(RateLimitHeaders.exhausted(headers("X-RateLimit-Remaining", " 0 "))).isTrue();
        assertThat(RateLimitHeaders.exhausted(headers("x-ratelimit-remaining", "1"))).isFalse();
        assertThat(RateLimitHeaders.exhausted(headers())).isFalse();
    }
}
