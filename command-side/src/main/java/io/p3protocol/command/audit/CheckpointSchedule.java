package io.p3protocol.command.audit;

import java.time.Duration;
import java.time.Instant;

/**
 * When the next checkpoint is due: after {@code everyEvents} newly sealed events, or once {@code every} has passed
 * since the last checkpoint (or since the first sealed event) with at least one new event. Never for no new event.
 */
record CheckpointSchedule(long everyEvents, Duration every) {
    CheckpointSchedule {
        if (everyEvents < 1 || every.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalStateException("p3.audit.checkpoint.every-events and every-minutes must be at least 1");
        }
    }

    boolean isDue(long newEvents, Instant since, Instant now) {
        if (newEvents < 1) {
            return false;
        }
        return newEvents >= everyEvents || !since.plus(every).isAfter(now);
    }
}
