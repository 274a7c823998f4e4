package io.p3protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A warm-up that lasts until the app is warm: at least a minimum, then until the app's JIT compilers are quiet, at
 * most a maximum. Quiet means that {@code jvm.compilation.time} (Micrometer's counter of the milliseconds the JVM's
 * compilers worked) grew by less than {@value #QUIET_SHARE} of the wall time of the last {@link #WINDOW}.
 * <p>
 * Why: on this 2-core machine the C2 compiler needs more than a minute of one core to compile a path the app has not
 * run before (telemetry: 2,149 methods at the top tier, one compiler thread busy for 70 s; docs/benchmarks.md), and
 * until it has, that code runs in the slower tiers and the compiler competes with it for the CPU. A fixed warm-up
 * shorter than that measured the warm-up, not the service; a fixed one long enough for telemetry would be far too
 * long for the command runs, whose paths are compiled in seconds.
 */
final class JitWarmup {
    static final Duration WINDOW = Duration.ofSeconds(5);
    static final double QUIET_SHARE = 0.05;

    /** How a warm-up ended: after how long, whether the compilers were quiet, and their share of the last window. */
    record Outcome(double seconds, boolean quiet, double lastCompileShare, Duration window) {
        ObjectNode toJson() {
            ObjectNode json = AppClient.JSON.createObjectNode().put("seconds", seconds).put("jitQuiet", quiet);
            Report.putNum(json, "lastCompileShare", lastCompileShare);
            return json;
        }

        String describe() {
            return String.format(Locale.ROOT, "%.0f s warm-up, %s (compilers %.1f %% of the last %d s)", seconds,
                    quiet ? "JIT quiet" : "stopped at the maximum", lastCompileShare * 100, window.toSeconds());
        }
    }

    private JitWarmup() {
    }

    /**
     * Runs {@code op} on {@code clients} clients for at least {@code minimum} and until the compilers are quiet, at
     * most {@code maximum} (with {@code maximum} at or below {@code minimum}, exactly {@code minimum}).
     */
    static Outcome run(String name, AppClient admin, Duration minimum, Duration maximum, int clients,
                       int expectedStatus, LoadRunner.Operation op) throws InterruptedException {
        return run(name, admin, minimum, maximum, WINDOW, clients, expectedStatus, op);
    }

    /** As above, the compilers' share measured over windows of {@code window}. */
    static Outcome run(String name, AppClient admin, Duration minimum, Duration maximum, Duration window, int clients,
                       int expectedStatus, LoadRunner.Operation op) throws InterruptedException {
        if (minimum.isZero() && maximum.isZero()) {
            return new Outcome(0, false, Double.NaN, window);
        }
        Duration longest = maximum.compareTo(minimum) > 0 ? maximum : minimum;
        AtomicBoolean warm = new AtomicBoolean();
        double[] lastShare = {Double.NaN};
        long start = System.nanoTime();
        Thread sampler = new Thread(() -> {
            try {
                double previous = compileMillis(admin);
                long previousAt = System.nanoTime();
                while (true) {
                    Thread.sleep(window.toMillis());
                    double now = compileMillis(admin);
                    long at = System.nanoTime();
                    double share = (now - previous) / ((at - previousAt) / 1e6);
                    lastShare[0] = share;
                    previous = now;
                    previousAt = at;
                    // without the metric (NaN) the warm-up is the minimum, as a fixed one was
                    if (at - start >= minimum.toNanos() && (Double.isNaN(share) || share < QUIET_SHARE)) {
                        warm.set(true);
                        return;
                    }
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "bench-jit-warmup");
        sampler.setDaemon(true);
        sampler.start();
        LoadRunner.run(name, clients, longest, Long.MAX_VALUE, expectedStatus, warm::get, op);
        sampler.interrupt();
        sampler.join(TimeUnit.SECONDS.toMillis(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(seconds, warm.get() && !Double.isNaN(lastShare[0]), lastShare[0], window);
    }

    /** The app's total compiler time in milliseconds; NaN when the metric cannot be read. */
    static double compileMillis(AppClient admin) throws InterruptedException {
        try {
            HttpResponse<String> response = admin.get("/actuator/metrics/jvm.compilation.time");
            if (response.statusCode() != 200) {
                return Double.NaN;
            }
            for (JsonNode measurement : AppClient.JSON.readTree(response.body()).path("measurements")) {
                if ("COUNT".equals(measurement.path("statistic").asText())) {
                    return measurement.path("value").asDouble(Double.NaN);
                }
            }
            return Double.NaN;
        } catch (java.io.IOException unreadable) {
            return Double.NaN;
        }
    }
}
