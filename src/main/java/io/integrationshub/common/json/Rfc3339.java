package io.integrationshub.common.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as they leave the service: RFC 3339 in UTC with milliseconds ({@code 2026-12-01T03:04:05.678Z}),
 * the fraction truncated, not rounded. Written by hand because {@link DateTimeFormatter}'s fraction printer
 * goes through {@code BigDecimal}: on a list page of 50 integrations formatting their 150 timestamps was 8 %
 * of the CPU (JFR, docs/benchmarks.md). Years outside 0001-9999 take the formatter (its year of era, as before).
 */
public final class Rfc3339 {
    static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Length of {@code yyyy-MM-ddTHH:mm:ss.SSSZ}. */
    public static final int LENGTH = 24;

    private Rfc3339() {
    }

    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        char[] text = new char[LENGTH];
        return write(instant, text) ? new String(text) : MILLIS.format(instant);
    }

    /** Fills {@code text} (at least {@link #LENGTH} chars) and returns true, or false for a year outside 0001-9999. */
    public static boolean write(Instant instant, char[] text) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1 || year > 9999) {
            return false;
        }
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, t.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, t.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, t.getHour(), 2);
        text[13] = ':';
        digits(text, 14, t.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, t.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, t.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return true;
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
