package io.p3protocol.kernel.telemetry;

import java.time.Instant;

/** Events received in the minute starting at {@code minute}. */
public record MinuteCount(Instant minute, long events) {
}
