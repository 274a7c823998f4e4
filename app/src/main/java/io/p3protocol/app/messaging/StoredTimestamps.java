package io.p3protocol.app.messaging;

import org.axonframework.common.DateTimeUtils;

import java.time.Instant;

/**
 * Reads the event store's {@code timestamp} column. Axon writes it with {@link DateTimeUtils#formatInstant}: UTC,
 * ISO-8601, exactly three fraction digits ({@code 2026-11-24T09:02:34.123Z}), and parses it back with a general
 * ISO-8601 formatter, which cost more CPU than anything else done with a streamed event that a processor skips.
 * This reads that shape by its fixed positions ({@link UtcInstantText}) and leaves every other text to Axon's
 * parser, so what it accepts and answers is exactly what {@link DateTimeUtils#parseInstant} would.
 */
final class StoredTimestamps {
    private StoredTimestamps() {
    }

    static Instant parse(String text) {
        Instant instant = UtcInstantText.parse(text);
        return instant != null ? instant : DateTimeUtils.parseInstant(text);
    }
}
