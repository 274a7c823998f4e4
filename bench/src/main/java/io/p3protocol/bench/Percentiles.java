package io.p3protocol.bench;

import java.util.Arrays;

/**
 * Latency summaries by the nearest-rank method: the p-th percentile of n samples is the smallest sample such that
 * at least p% of the samples are less than or equal to it, i.e. {@code sorted[ceil(p/100 * n) - 1]}. No interpolation,
 * so every reported percentile is a latency that some request really had.
 */
public final class Percentiles {
    private Percentiles() {
    }

    /** Nearest-rank percentile of {@code sortedAscending}; {@code p} in (0, 100]. */
    public static long nearestRank(long[] sortedAscending, double p) {
        if (sortedAscending.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        // Subtracting a tiny epsilon keeps e.g. 0.95 * 100 = 95.00000000000001 from rounding up to rank 96.
        long rank = (long) Math.ceil(p / 100.0 * sortedAscending.length - 1e-9);
        int index = (int) Math.max(0, Math.min(sortedAscending.length - 1, rank - 1));
        return sortedAscending[index];
    }

    /** Summary of latency samples given in nanoseconds; reports milliseconds. The input array is not modified. */
    public static LatencySummary summarizeNanos(long[] nanos) {
        if (nanos.length == 0) {
            return LatencySummary.EMPTY;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new LatencySummary(sorted.length,
                ms(nearestRank(sorted, 50)), ms(nearestRank(sorted, 95)), ms(nearestRank(sorted, 99)),
                ms(sorted[sorted.length - 1]), ms(sum / sorted.length));
    }

    private static double ms(double nanos) {
        return nanos / 1_000_000.0;
    }

    /** Latencies in milliseconds; {@code count == 0} means no successful request was timed (all values NaN). */
    public record LatencySummary(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs) {
        public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
