package io.integrationshub.jobs.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter: a uniformly random delay in [0, min(max, base * 2^(attempt-1))]. */
public final class JobBackoff {
    private JobBackoff() {
    }

    public static Duration fullJitter(int attempt, Duration base, Duration max) {
        long ceiling = ceilingMillis(attempt, base, max);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    public static long ceilingMillis(int attempt, Duration base, Duration max) {
        int exponent = Math.max(0, Math.min(attempt - 1, 40));
        long baseMillis = Math.max(1, base.toMillis());
        long maxMillis = Math.max(baseMillis, max.toMillis());
        // Shifting by up to 40 cannot overflow for any sane base; clamp to the cap either way.
        long ceiling = baseMillis > (Long.MAX_VALUE >> exponent) ? maxMillis : baseMillis << exponent;
        return Math.min(ceiling, maxMillis);
    }
}
