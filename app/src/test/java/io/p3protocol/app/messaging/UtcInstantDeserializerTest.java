package io.p3protocol.app.messaging;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@link UtcInstantDeserializer}, a mapper must read every instant exactly as Jackson's own deserializer does. */
class UtcInstantDeserializerTest {
    private final ObjectMapper jacksons = new ObjectMapper().registerModule(new JavaTimeModule());
    private final ObjectMapper fast = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(UtcInstantDeserializer.module());

    record Stamped(Instant at) {
    }

    record Formatted(@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd HH:mm", timezone = "UTC")
                     Instant at) {
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    @Test
    void readsWhatJacksonWritesAsJacksonReadsIt() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            // 0001 .. 9999, to the second, millisecond, microsecond or nanosecond
            long nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000L;
                case 2 -> random.nextInt(1_000_000) * 1_000L;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L), nanos);
            String json = jacksons.writeValueAsString(new Stamped(instant));

            assertThat(fast.readValue(json, Stamped.class)).isEqualTo(jacksons.readValue(json, Stamped.class))
                    .isEqualTo(new Stamped(instant));
        }
    }

    /** Same value, or the same kind of refusal. */
    private void assertReadAlike(String value) {
        String json = "{\"at\":" + value + "}";
        Object expected;
        try {
            expected = jacksons.readValue(json, Stamped.class);
        } catch (Exception e) {
            expected = e.getClass();
        }
        Object actual;
        try {
            actual = fast.readValue(json, Stamped.class);
        } catch (Exception e) {
            actual = e.getClass();
        }
        assertThat(actual).as(value).isEqualTo(expected);
    }

    @Test
    void otherShapesAreReadByJacksonsDeserializer() {
        for (String text : List.of("2026-11-24t09:02:34z", "2026-11-24T10:02:34+01:00", "2026-11-24T09:02:34.123+00:00",
                "2016-12-31T23:59:60Z", "2026-11-24T24:00:00Z", "+10000-01-01T00:00:00Z", "1234567890",
                "1234567890.5", "-12.5", "", "  ", " 2026-11-24T09:02:34Z")) {
            assertThat(UtcInstantText.parse(text)).as(text).isNull();
            assertReadAlike(quoted(text));
        }
        for (String value : List.of("1234567890", "1234567890.123456789", "null", "[2026,11,24]", "true")) {
            assertReadAlike(value);
        }
    }

    @Test
    void invalidDatesAndTimesAreLeftToJacksonsDeserializer() {
        for (String text : List.of("2026-02-30T09:02:34Z", "2025-02-29T00:00:00.000Z", "2026-13-01T00:00:00Z",
                "2026-11-24T09:60:00Z", "2026-11-24T09:02:3xZ", "2026-11-24T09:02:34.Z",
                "2026-11-24T09:02:34.1234567890Z", "2026-11-24 09:02:34Z", "not an instant")) {
            assertThat(UtcInstantText.parse(text)).as(text).isNull();
            assertReadAlike(quoted(text));
        }
    }

    @Test
    void aPropertyWithItsOwnFormatIsReadWithThatFormat() throws Exception {
        String json = "{\"at\":\"2026-11-24 09:02\"}";

        assertThat(fast.readValue(json, Formatted.class).at()).isEqualTo(Instant.parse("2026-11-24T09:02:00Z"));
    }

    /** The fast path is taken (not just a fall-back that answers the same), at every precision Jackson writes. */
    @Test
    void isoInstantTextOfEveryPrecisionIsReadByFixedPositions() {
        Instant instant = Instant.parse("2026-11-24T09:02:34.123456789Z");
        for (Instant truncated : List.of(instant, Instant.parse("2026-11-24T09:02:34Z"),
                Instant.parse("2026-11-24T09:02:34.120Z"), Instant.parse("2026-11-24T09:02:34.123400Z"))) {
            assertThat(UtcInstantText.parse(DateTimeFormatter.ISO_INSTANT.format(truncated))).isEqualTo(truncated);
        }
    }
}
