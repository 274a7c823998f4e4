package io.p3protocol.app.messaging;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one shape in which this service writes instants, ISO-8601 in UTC with a four-digit year and zero to nine
 * fraction digits ({@code 2026-11-24T09:02:34Z}, {@code 2026-11-24T09:02:34.123Z}, {@code ...34.123456789Z}), by
 * fixed positions. A general ISO-8601 parser ({@code DateTimeFormatter}) costs several times more, and events are
 * read by the hundred thousand. Any other text, including a valid instant in another shape (an offset, lower-case
 * letters, a leap second), is not read here: the callers leave it to their general parser, so they answer exactly
 * what that parser would.
 */
final class UtcInstantText {
    private static final int SECONDS_END = "2026-11-24T09:02:34".length();

    private UtcInstantText() {
    }

    /** The instant, or {@code null} when the text is not of that shape or not a valid date and time. */
    static Instant parse(String text) {
        int length = text.length();
        if (length < SECONDS_END + 1 || length > SECONDS_END + 11 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        int fractionDigits = length - SECONDS_END - 2; // between the '.' and the 'Z'
        if (length > SECONDS_END + 1) {
            if (fractionDigits < 1 || text.charAt(SECONDS_END) != '.') {
                return null;
            }
            nanos = digits(text, SECONDS_END + 1, fractionDigits);
            if (nanos < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException notADate) {
            return null; // e.g. February 30th: the general parser gives the answer (and the error) for it
        }
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
