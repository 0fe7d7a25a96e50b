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

    @Test
    void parsesRfc3339WithAFourDigitYearOnly() {
        assertThat(Rfc3339.parse("2026-11-23T10:15:30.123Z")).isEqualTo(Instant.parse("2026-11-23T10:15:30.123Z"));
        assertThat(Rfc3339.parse("2026-11-23T10:15:30Z")).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        assertThat(Rfc3339.parse("2026-11-23t10:15:30z")).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        assertThat(Rfc3339.parse("2026-11-23T10:15:30.5+01:00")).isEqualTo(Instant.parse("2026-11-23T09:15:30.5Z"));
        assertThat(Rfc3339.parse("2026-11-23T10:15:30-00:00")).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        assertThat(Rfc3339.parse("2026-11-23T10:15:30.1234567891234Z")).isEqualTo(Instant.parse("2026-11-23T10:15:30.123456789Z"));
        assertThat(Rfc3339.parse("0001-01-01T00:00:00Z")).isEqualTo(Rfc3339.EARLIEST);
        assertThat(Rfc3339.parse("9999-12-31T23:59:59.999999999Z")).isEqualTo(Rfc3339.LATEST);
        for (String bad : new String[] {null, "", "+999999999-12-31T23:59:59Z", "+300000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z", "+2026-11-23T10:15:30Z", "12026-11-23T10:15:30Z", "2026-11-23T10:15Z",
                "2026-11-23T10:15:30", "2026-11-23 10:15:30Z", "2026-11-23T10:15:30.Z", "2026-11-23T10:15:30+0100",
                "2026-11-23T10:15:30+01:00:00", "2026-11-23T10:15:30+24:00", "2026-11-23T10:15:30+01:60",
                "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-23T24:00:00Z", "2026-12-31T23:59:60Z",
                "2026-11-23T10:15:30ZZ", "2026-11-23T10:15:30Z ", " 2026-11-23T10:15:30Z", "2026-1-23T10:15:30Z",
                "9999-12-31T23:59:59-00:01", "0001-01-01T00:00:00+00:01", "１９７０-01-01T00:00:00Z", "1893456000"}) {
            assertThat(Rfc3339.parse(bad)).as("%s", bad).isNull();
        }
    }
}
