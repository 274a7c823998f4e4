package io.p3protocol.command.audit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointScheduleTest {
    private static final Instant LAST = Instant.parse("2026-01-01T10:00:00Z");
    private final CheckpointSchedule schedule = new CheckpointSchedule(1000, Duration.ofMinutes(10));

    @Test
    void dueOnceEnoughEventsWereSealed() {
        assertThat(schedule.isDue(999, LAST, LAST.plusSeconds(1))).isFalse();
        assertThat(schedule.isDue(1000, LAST, LAST.plusSeconds(1))).isTrue();
    }

    @Test
    void dueAfterTheIntervalWithAtLeastOneNewEvent() {
        assertThat(schedule.isDue(1, LAST, LAST.plus(Duration.ofMinutes(10)).minusMillis(1))).isFalse();
        assertThat(schedule.isDue(1, LAST, LAST.plus(Duration.ofMinutes(10)))).isTrue();
    }

    @Test
    void neverDueWithoutANewEvent() {
        assertThat(schedule.isDue(0, LAST, LAST.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void settingsBelowOneAreRefused() {
        assertThatThrownBy(() -> new CheckpointSchedule(0, Duration.ofMinutes(10)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CheckpointSchedule(1000, Duration.ZERO)).isInstanceOf(IllegalStateException.class);
    }
}
