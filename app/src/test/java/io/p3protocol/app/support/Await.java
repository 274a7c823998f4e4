package io.p3protocol.app.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Bounded polling for asynchronous outcomes (streaming processors, deadlines): fails after {@code limit}. */
public final class Await {
    private Await() {
    }

    public static <T> T until(Duration limit, String what, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what + " (last seen: " + last + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            last = probe.get();
        }
        return last;
    }

    public static void until(Duration limit, String what, Supplier<Boolean> condition) {
        until(limit, what, condition, Boolean.TRUE::equals);
    }
}
