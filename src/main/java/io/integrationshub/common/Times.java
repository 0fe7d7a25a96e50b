package io.integrationshub.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps are kept at millisecond precision: what is stored is exactly what clients see and page by. */
public final class Times {
    private Times() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
