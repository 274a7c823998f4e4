package io.p3protocol.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PercentilesTest {

    @Test
    void nearestRankOnOneToHundred() {
        long[] v = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Percentiles.nearestRank(v, 50)).isEqualTo(50);
        assertThat(Percentiles.nearestRank(v, 95)).isEqualTo(95);
        assertThat(Percentiles.nearestRank(v, 99)).isEqualTo(99);
        assertThat(Percentiles.nearestRank(v, 100)).isEqualTo(100);
        assertThat(Percentiles.nearestRank(v, 0.5)).isEqualTo(1);
    }

    @Test
    void nearestRankRoundsTheRankUpAndNeverInterpolates() {
        long[] v = {10, 20, 30, 40};
        // rank = ceil(0.5 * 4) = 2 -> 20 (an interpolating method would say 25)
        assertThat(Percentiles.nearestRank(v, 50)).isEqualTo(20);
        // rank = ceil(0.51 * 4) = 3 -> 30
        assertThat(Percentiles.nearestRank(v, 51)).isEqualTo(30);
        assertThat(Percentiles.nearestRank(v, 99)).isEqualTo(40);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        long[] v = {7};
        assertThat(Percentiles.nearestRank(v, 1)).isEqualTo(7);
        assertThat(Percentiles.nearestRank(v, 99)).isEqualTo(7);
    }

    @Test
    void p99OfAThousandSamplesIgnoresOnlyTheTenWorst() {
        long[] v = new long[1000];
        for (int i = 0; i < 1000; i++) {
            v[i] = i < 990 ? 1 : 1000; // ten outliers
        }
        assertThat(Percentiles.nearestRank(v, 99)).isEqualTo(1);
        assertThat(Percentiles.nearestRank(v, 99.1)).isEqualTo(1000);
    }

    @Test
    void rejectsNoSamplesAndBadPercentiles() {
        assertThatThrownBy(() -> Percentiles.nearestRank(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.nearestRank(new long[]{1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.nearestRank(new long[]{1}, 100.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summarySortsACopyAndReportsMilliseconds() {
        long[] nanos = {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000}; // 1..5 ms, unsorted
        Percentiles.LatencySummary s = Percentiles.summarizeNanos(nanos);
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.p50Ms()).isEqualTo(3.0);
        assertThat(s.p95Ms()).isEqualTo(5.0);
        assertThat(s.p99Ms()).isEqualTo(5.0);
        assertThat(s.maxMs()).isEqualTo(5.0);
        assertThat(s.meanMs()).isCloseTo(3.0, within(1e-9));
        assertThat(nanos[0]).isEqualTo(5_000_000); // input untouched
    }

    @Test
    void summaryOfNothingIsEmpty() {
        Percentiles.LatencySummary s = Percentiles.summarizeNanos(new long[0]);
        assertThat(s.count()).isZero();
        assertThat(s.p99Ms()).isNaN();
    }
}
