package io.p3protocol.app.messaging;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link StoredTimestamps} must answer exactly what Axon's own parser answers, for every text. */
class StoredTimestampsTest {

    @Test
    void readsWhatAxonWritesAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            // 1970 .. 2100, to the millisecond, as the event store's column holds them
            Instant instant = Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L));
            String stored = DateTimeUtils.formatInstant(instant);

            assertThat(StoredTimestamps.parse(stored)).isEqualTo(DateTimeUtils.parseInstant(stored)).isEqualTo(instant);
        }
    }

    @Test
    void otherShapesAreLeftToAxonsParser() {
        for (String text : List.of("2026-11-24T09:02:34Z", "2026-11-24T09:02:34.123456Z", "2026-11-24T10:02:34.123+01:00",
                "2024-02-29T23:59:59.999Z", "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z")) {
            assertThat(StoredTimestamps.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
    }

    @Test
    void whatAxonRefusesIsRefused() {
        for (String text : List.of("2026-02-30T09:02:34.123Z", "2025-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z",
                "2026-11-24T24:00:00.000Z", "2026-11-24T09:60:00.000Z", "2026-11-24T09:02:3x.123Z",
                "2026-11-24 09:02:34.123Z", "not a timestamp at all!!")) {
            assertThatThrownBy(() -> DateTimeUtils.parseInstant(text)).as("Axon refuses %s", text)
                    .isInstanceOf(DateTimeException.class);
            assertThatThrownBy(() -> StoredTimestamps.parse(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }
}
