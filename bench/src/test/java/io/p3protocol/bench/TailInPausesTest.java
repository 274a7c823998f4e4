package io.p3protocol.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TailInPausesTest {

    private static final long MS = 1_000_000;

    @Test
    void countsTheRequestsAtOrAboveP99ThatWereInFlightDuringAPause() {
        // run started at epoch 10,000 ms; four requests (start offset, latency):
        LoadRunner.Timings timings = new LoadRunner.Timings(10_000,
                new long[]{0, 5 * MS, 50 * MS, 100 * MS},
                new long[]{1 * MS, 20 * MS, 20 * MS, 2 * MS});
        List<GcPauses.Pause> pauses = List.of(
                new GcPauses.Pause(10_015, 8), // 10,007–10,015: inside the second request
                new GcPauses.Pause(10_099, 1), // 10,098–10,099: during the run, but meets no slow request
                new GcPauses.Pause(20_000, 30)); // long after the run

        TailInPauses tail = TailInPauses.of(timings, 20, pauses);

        assertThat(tail.tailRequests()).isEqualTo(2); // the two 20 ms requests
        assertThat(tail.tailInPause()).isEqualTo(1); // only the first of them met a pause
        assertThat(tail.pauses()).isEqualTo(2);
        assertThat(tail.pauseMedianMs()).isEqualTo(4.5);
        assertThat(tail.pauseTotalMs()).isEqualTo(9.0);
        assertThat(tail.p99ClearMs()).isEqualTo(20.0); // the 1, 20 and 2 ms requests met none: p99 of them is 20
    }

    @Test
    void theClearP99LeavesOutEveryRequestAPauseTouched() {
        // 100 requests of 1 ms, one a millisecond, and one of 50 ms stalled by a 45 ms pause
        long[] starts = new long[101];
        long[] latencies = new long[101];
        for (int i = 0; i < 100; i++) {
            starts[i] = i * MS;
            latencies[i] = MS;
        }
        starts[100] = 200 * MS;
        latencies[100] = 50 * MS;
        LoadRunner.Timings timings = new LoadRunner.Timings(0, starts, latencies);

        TailInPauses tail = TailInPauses.of(timings, 50, List.of(new GcPauses.Pause(250, 45)));

        assertThat(tail.tailInPause()).isEqualTo(1);
        assertThat(tail.p99ClearMs()).isEqualTo(1.0);
    }

    @Test
    void withoutPausesNoTailRequestIsExplainedByOne() {
        LoadRunner.Timings timings = new LoadRunner.Timings(0, new long[]{0, MS}, new long[]{3 * MS, 9 * MS});

        TailInPauses tail = TailInPauses.of(timings, 9, List.of());

        assertThat(tail.tailRequests()).isEqualTo(1);
        assertThat(tail.tailInPause()).isZero();
        assertThat(tail.pauses()).isZero();
        assertThat(tail.pauseMedianMs()).isNaN();
        assertThat(tail.p99ClearMs()).isEqualTo(9.0);
    }
}
