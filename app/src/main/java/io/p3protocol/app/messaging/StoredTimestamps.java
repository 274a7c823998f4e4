package io.p3protocol.app.messaging;

import org.axonframework.common.DateTimeUtils;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the event store's {@code timestamp} column. Axon writes it with {@link DateTimeUtils#formatInstant}: UTC,
 * ISO-8601, exactly three fraction digits ({@code 2026-11-24T09:02:34.123Z}), and parses it back with a general
 * ISO-8601 formatter, which cost more CPU than anything else done with a streamed event that a processor skips.
 * This reads that one shape by its fixed positions and leaves every other text to Axon's parser, so what it accepts
 * and answers is exactly what {@link DateTimeUtils#parseInstant} would.
 */
final class StoredTimestamps {
    private static final int LENGTH = "2026-11-24T09:02:34.123Z".length();

    private StoredTimestamps() {
    }

    static Instant parse(String text) {
        if (text.length() == LENGTH && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == '.'
                && text.charAt(23) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int millis = digits(text, 20, 3);
            if ((year | month | day | hour | minute | second | millis) >= 0 && hour < 24 && minute < 60
                    && second < 60) {
                try {
                    long epochDay = LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second,
                            millis * 1_000_000L);
                } catch (DateTimeException notADate) {
                    // e.g. February 30th: Axon's parser gives the answer (and the error) for it
                }
            }
        }
        return DateTimeUtils.parseInstant(text);
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
