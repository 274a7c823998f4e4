package io.p3protocol.app.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The rate limit counts in fixed one-minute windows of the database's clock (the embedded PostgreSQL runs on this
 * host, so this JVM's clock is the same one). A test that makes N requests and expects the (N+1)th refused must
 * not straddle a window boundary, or the count starts over: it waits for the next window when the current one has
 * less than {@link #NEEDED} left.
 */
public final class RateLimitWindows {
    private static final Duration NEEDED = Duration.ofSeconds(20);

    private RateLimitWindows() {
    }

    public static void awaitRoomInCurrentWindow() {
        Instant now = Instant.now();
        Instant windowEnd = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Duration left = Duration.between(now, windowEnd);
        if (left.compareTo(NEEDED) < 0) {
            try {
                Thread.sleep(left.toMillis() + 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
