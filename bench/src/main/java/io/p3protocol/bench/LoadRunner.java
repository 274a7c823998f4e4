package io.p3protocol.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Closed-loop load: {@code clients} threads, each sending its next request as soon as the previous one answered.
 * A run is bounded three ways: by time, by a maximum operation count, and by an optional stop condition.
 * Only requests that <em>started</em> before the deadline count; the run's elapsed time runs until the last of them
 * has answered, so throughput = successes / elapsed.
 */
final class LoadRunner {

    /** One request; returns the HTTP status (or throws). */
    @FunctionalInterface
    interface Operation {
        int call(int client, long seq) throws Exception;
    }

    record Result(String name, int clients, double elapsedSeconds, long ok, long errors, Map<String, Long> outcomes,
                  Percentiles.LatencySummary latency, boolean abortedForErrors, Timings timings) {
        double throughput() {
            return elapsedSeconds > 0 ? ok / elapsedSeconds : Double.NaN;
        }
    }

    /**
     * When each successful request started and how long it took, so its latency can be set against what happened in
     * the app at that moment (a GC pause: {@link TailInPauses}). Request {@code i} started at
     * {@code startEpochMillis + startOffsetNanos[i] / 1e6} by the wall clock and took {@code latencyNanos[i]}.
     */
    record Timings(long startEpochMillis, long[] startOffsetNanos, long[] latencyNanos) {
        int count() {
            return latencyNanos.length;
        }

        double requestStartEpochMillis(int i) {
            return startEpochMillis + startOffsetNanos[i] / 1e6;
        }
    }

    private static final int MAX_SAMPLES_PER_CLIENT = 5_000_000;

    private LoadRunner() {
    }

    /**
     * @param expectedStatus the status that counts as success (e.g. 201)
     * @param stop           checked before each request; may be null
     */
    static Result run(String name, int clients, Duration duration, long maxOps, int expectedStatus,
                      BooleanSupplier stop, Operation op) throws InterruptedException {
        AtomicLong issued = new AtomicLong();
        AtomicLong okTotal = new AtomicLong();
        AtomicLong errTotal = new AtomicLong();
        long startEpochMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "bench-" + name);
            t.setDaemon(true);
            return t;
        });
        List<Future<ClientStats>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            final int client = c;
            futures.add(pool.submit(() -> {
                ClientStats s = new ClientStats();
                long seq = 0;
                while (System.nanoTime() < deadline) {
                    if (stop != null && stop.getAsBoolean()) {
                        break;
                    }
                    if (issued.incrementAndGet() > maxOps) {
                        break;
                    }
                    // A broken endpoint must not be hammered for the whole run: give up once 100 calls failed and none worked.
                    if (okTotal.get() == 0 && errTotal.get() >= 100) {
                        s.aborted = true;
                        break;
                    }
                    long t0 = System.nanoTime();
                    String outcome;
                    boolean ok;
                    try {
                        int status = op.call(client, seq++);
                        ok = status == expectedStatus;
                        outcome = String.valueOf(status);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    } catch (Exception e) {
                        ok = false;
                        outcome = e.getClass().getSimpleName();
                    }
                    long t1 = System.nanoTime();
                    s.outcomes.merge(outcome, 1L, Long::sum);
                    if (ok) {
                        okTotal.incrementAndGet();
                        s.add(t0 - start, t1 - t0);
                    } else {
                        errTotal.incrementAndGet();
                    }
                    s.lastEnd = t1;
                }
                return s;
            }));
        }
        pool.shutdown();
        // Bounded wait: the deadline plus a generous allowance for the last in-flight requests to answer.
        if (!pool.awaitTermination(duration.toSeconds() + 180, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        long end = start;
        long ok = 0;
        long err = 0;
        boolean aborted = false;
        Map<String, Long> outcomes = new TreeMap<>();
        List<ClientStats> clientStats = new ArrayList<>();
        for (Future<ClientStats> f : futures) {
            ClientStats s;
            try {
                s = f.get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("load client failed", e);
            }
            end = Math.max(end, s.lastEnd);
            s.outcomes.forEach((k, v) -> outcomes.merge(k, v, Long::sum));
            aborted |= s.aborted;
            clientStats.add(s);
        }
        for (Map.Entry<String, Long> e : outcomes.entrySet()) {
            if (e.getKey().equals(String.valueOf(expectedStatus))) {
                ok += e.getValue();
            } else {
                err += e.getValue();
            }
        }
        int total = clientStats.stream().mapToInt(c -> c.n).sum();
        long[] latencies = new long[total];
        long[] starts = new long[total];
        int pos = 0;
        for (ClientStats c : clientStats) {
            System.arraycopy(c.latencies, 0, latencies, pos, c.n);
            System.arraycopy(c.starts, 0, starts, pos, c.n);
            pos += c.n;
        }
        return new Result(name, clients, (end - start) / 1e9, ok, err, outcomes, Percentiles.summarizeNanos(latencies),
                aborted, new Timings(startEpochMillis, starts, latencies));
    }

    private static final class ClientStats {
        long[] latencies = new long[4096];
        long[] starts = new long[4096];
        int n;
        long lastEnd;
        boolean aborted;
        final Map<String, Long> outcomes = new TreeMap<>();

        void add(long startOffsetNanos, long latencyNanos) {
            if (n == MAX_SAMPLES_PER_CLIENT) {
                return;
            }
            if (n == latencies.length) {
                int grown = Math.min(MAX_SAMPLES_PER_CLIENT, latencies.length * 2);
                latencies = java.util.Arrays.copyOf(latencies, grown);
                starts = java.util.Arrays.copyOf(starts, grown);
            }
            starts[n] = startOffsetNanos;
            latencies[n++] = latencyNanos;
        }
    }
}
