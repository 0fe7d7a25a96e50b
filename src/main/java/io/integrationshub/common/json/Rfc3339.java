package io.integrationshub.common.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as they leave the service: RFC 3339 in UTC with milliseconds ({@code 2026-12-01T03:04:05.678Z}),
 * the fraction truncated, not rounded. Written by hand because {@link DateTimeFormatter}'s fraction printer
 * goes through {@code BigDecimal}: on a list page of 50 integrations formatting their 150 timestamps was 8 %
 * of the CPU (JFR, docs/benchmarks.md). Years outside 0001-9999 take the formatter (its year of era, as before).
 * Timestamps as they come in: {@link #parse}, strict RFC 3339 with a four-digit year (request bodies read it through
 * {@link JsonCustomizer}).
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

    /** The earliest and latest instants a timestamp may name: four-digit years in UTC, as they are written back. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /**
     * Reads an RFC 3339 date-time (section 5.6): {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)}, T and Z in
     * either case, a fraction of any length (digits beyond nanoseconds dropped). Returns null for anything else,
     * including ISO 8601 forms RFC 3339 excludes (a signed or five-digit year, no seconds, an offset with seconds),
     * a leap second, and instants outside years 0001-9999 in UTC (they could not be written back as RFC 3339 and do
     * not fit PostgreSQL's timestamptz the same way).
     */
    public static Instant parse(String text) {
        if (text == null || text.length() < 20) {
            return null;
        }
        int n = text.length();
        if (!digitsAt(text, 0, 4) || text.charAt(4) != '-' || !digitsAt(text, 5, 2) || text.charAt(7) != '-'
                || !digitsAt(text, 8, 2) || (text.charAt(10) != 'T' && text.charAt(10) != 't')
                || !digitsAt(text, 11, 2) || text.charAt(13) != ':' || !digitsAt(text, 14, 2) || text.charAt(16) != ':'
                || !digitsAt(text, 17, 2)) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < n && isDigit(text.charAt(at))) {
                if (at - start < 9) {
                    nanos = nanos * 10 + (text.charAt(at) - '0');
                }
                at++;
            }
            int digits = at - start;
            if (digits == 0) {
                return null;
            }
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (at >= n) {
            return null;
        }
        int offsetSeconds;
        char zone = text.charAt(at);
        if ((zone == 'Z' || zone == 'z') && at + 1 == n) {
            offsetSeconds = 0;
        } else if ((zone == '+' || zone == '-') && at + 6 == n && digitsAt(text, at + 1, 2) && text.charAt(at + 3) == ':'
                && digitsAt(text, at + 4, 2)) {
            int hours = number(text, at + 1, 2);
            int minutes = number(text, at + 4, 2);
            if (hours > 23 || minutes > 59) {
                return null;
            }
            offsetSeconds = (zone == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2),
                    number(text, 11, 2), number(text, 14, 2), number(text, 17, 2), nanos);
            Instant instant = local.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
            return instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? null : instant;
        } catch (DateTimeException e) {
            return null; // month 13, 30 February, hour 24, second 60, ...
        }
    }

    private static boolean digitsAt(String text, int at, int count) {
        if (at + count > text.length()) {
            return false;
        }
        for (int i = at; i < at + count; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
