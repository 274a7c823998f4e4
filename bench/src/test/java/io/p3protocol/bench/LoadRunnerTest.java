package io.p3protocol.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LoadRunnerTest {

    @Test
    void countsSuccessesAndErrorsByOutcomeAndStopsAtTheOperationCap() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        LoadRunner.Result r = LoadRunner.run("t", 2, Duration.ofSeconds(20), 50, 201, null, (client, seq) -> {
            int n = calls.incrementAndGet();
            if (n % 10 == 0) {
                return 500;
            }
            if (n % 25 == 0) {
                throw new java.io.IOException("boom");
            }
            return 201;
        });
        assertThat(calls.get()).isEqualTo(50);
        assertThat(r.ok() + r.errors()).isEqualTo(50);
        assertThat(r.outcomes().get("500")).isEqualTo(5L);
        assertThat(r.outcomes().get("IOException")).isEqualTo(1L); // 25; 50 is caught by % 10 first
        assertThat(r.ok()).isEqualTo(44);
        assertThat(r.latency().count()).isEqualTo(44); // only successes are timed
        assertThat(r.elapsedSeconds()).isLessThan(20);
    }

    @Test
    void givesUpOnAnEndpointThatNeverWorks() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        LoadRunner.Result r = LoadRunner.run("t", 1, Duration.ofSeconds(20), Long.MAX_VALUE, 201, null, (c, s) -> {
            calls.incrementAndGet();
            return 404;
        });
        assertThat(r.abortedForErrors()).isTrue();
        assertThat(calls.get()).isEqualTo(100);
        assertThat(r.ok()).isZero();
        assertThat(r.throughput()).isZero();
    }

    @Test
    void runsForTheDurationAndMeasuresThroughput() throws Exception {
        LoadRunner.Result r = LoadRunner.run("t", 2, Duration.ofMillis(400), Long.MAX_VALUE, 201, null, (c, s) -> {
            Thread.sleep(10);
            return 201;
        });
        assertThat(r.elapsedSeconds()).isBetween(0.4, 5.0);
        // two clients, >= 10 ms per call: at most ~200 calls/s; the lower bound is loose for a busy machine
        assertThat(r.throughput()).isBetween(5.0, 210.0);
        assertThat(r.ok()).isEqualTo(r.latency().count());
        assertThat(r.latency().p50Ms()).isGreaterThanOrEqualTo(10.0);
    }

    @Test
    void recordsWhenEachTimedRequestStartedAndHowLongItTook() throws Exception {
        long before = System.currentTimeMillis();
        LoadRunner.Result r = LoadRunner.run("t", 1, Duration.ofSeconds(20), 3, 201, null, (c, s) -> {
            Thread.sleep(5 * (s + 1)); // 5, 10, 15 ms
            return 201;
        });
        long after = System.currentTimeMillis();

        LoadRunner.Timings timings = r.timings();
        assertThat(timings.count()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(timings.latencyNanos()[i]).isGreaterThanOrEqualTo((5L * (i + 1)) * 1_000_000);
            assertThat(timings.requestStartEpochMillis(i)).isBetween((double) before, (double) after);
        }
        // one client: each request starts after the previous one answered
        assertThat(timings.startOffsetNanos()[1]).isGreaterThanOrEqualTo(timings.startOffsetNanos()[0] + timings.latencyNanos()[0]);
        assertThat(timings.startOffsetNanos()[2]).isGreaterThanOrEqualTo(timings.startOffsetNanos()[1] + timings.latencyNanos()[1]);
    }
}
