package io.integrationshub.common.json;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class Rfc3339Test {
    @Test
    void writesWhatTheFormatterWritesWithTheFractionTruncated() {
        assertThat(Rfc3339.format(Instant.parse("2026-12-01T03:04:05.678999999Z"))).isEqualTo("2026-12-01T03:04:05.678Z");
        assertThat(Rfc3339.format(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00.000Z");
        assertThat(Rfc3339.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Rfc3339.format(Instant.parse("9999-12-31T23:59:59.999Z"))).isEqualTo("9999-12-31T23:59:59.999Z");
        assertThat(Rfc3339.format(null)).isNull();
    }

    @Test
    void agreesWithTheFormatterOnAMillionInstantsAndFallsBackBeyondFourDigitYears() {
        SplittableRandom random = new SplittableRandom(42);
        long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 1_000_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
            assertThat(Rfc3339.format(instant)).as("%s", instant).isEqualTo(Rfc3339.MILLIS.format(instant));
        }
    }
}
