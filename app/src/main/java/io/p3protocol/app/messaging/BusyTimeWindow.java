package io.p3protocol.app.messaging;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Handling time summed over a sliding window, in one-second buckets: what a capacity gauge divides by the window.
 * <p>
 * Axon's {@code CapacityMonitor} keeps every measurement of the window (ten minutes) in a
 * {@code ConcurrentSkipListMap} and trims it as it goes: an allocation and a skip-list insertion per message, which
 * was about a twentieth of a command's request thread (JFR, docs/benchmarks.md), and at telemetry rates millions of
 * entries. Here an update adds to the current second's bucket; the total is the sum of the buckets still in the
 * window, so it can differ from the exact sum by part of one second at the window's far edge.
 */
final class BusyTimeWindow {
    private static final long BUCKET_NANOS = 1_000_000_000L;

    private final int buckets;
    private final AtomicLongArray busyNanos;
    private final AtomicLongArray second; // the second (monotonic time / 1 s) each bucket holds

    BusyTimeWindow(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("a window of at least one second: " + seconds);
        }
        this.buckets = seconds;
        this.busyNanos = new AtomicLongArray(seconds);
        this.second = new AtomicLongArray(seconds);
        for (int i = 0; i < seconds; i++) {
            second.set(i, Long.MIN_VALUE); // no second yet
        }
    }

    /** Adds {@code nanos} of handling that ended at monotonic time {@code nowNanos}. */
    void add(long nanos, long nowNanos) {
        long current = Math.floorDiv(nowNanos, BUCKET_NANOS);
        int bucket = (int) Math.floorMod(current, (long) buckets);
        if (second.get(bucket) != current) {
            synchronized (this) { // once per bucket and second; the adds themselves take no lock
                if (second.get(bucket) != current) {
                    busyNanos.set(bucket, 0);
                    second.set(bucket, current);
                }
            }
        }
        busyNanos.addAndGet(bucket, nanos);
    }

    /** The handling time of the buckets within the window ending at monotonic time {@code nowNanos}. */
    long total(long nowNanos) {
        long current = Math.floorDiv(nowNanos, BUCKET_NANOS);
        long total = 0;
        for (int i = 0; i < buckets; i++) {
            long s = second.get(i);
            if (s != Long.MIN_VALUE && s > current - buckets && s <= current) {
                total += busyNanos.get(i);
            }
        }
        return total;
    }

    long windowNanos() {
        return buckets * BUCKET_NANOS;
    }
}
