package io.p3protocol.app.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusyTimeWindowTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long START = 7_000 * SECOND + 123; // an arbitrary monotonic time

    private final BusyTimeWindow window = new BusyTimeWindow(600);

    @Test
    void sumsTheHandlingTimeWithinTheWindow() {
        window.add(300, START);
        window.add(200, START + 10 * SECOND);
        window.add(100, START + 599 * SECOND);

        assertThat(window.total(START + 599 * SECOND)).isEqualTo(600);
    }

    @Test
    void forgetsWhatLeftTheWindow() {
        window.add(300, START);
        window.add(200, START + 10 * SECOND);

        assertThat(window.total(START + 600 * SECOND)).isEqualTo(200);
        assertThat(window.total(START + 610 * SECOND)).isZero();
    }

    @Test
    void aBucketReusedALapLaterStartsFromZero() {
        window.add(300, START);
        window.add(50, START + 600 * SECOND); // the same bucket, one window later

        assertThat(window.total(START + 600 * SECOND)).isEqualTo(50);
    }

    @Test
    void worksWithNegativeMonotonicTimes() {
        window.add(40, -START);
        window.add(2, -START + SECOND);

        assertThat(window.total(-START + SECOND)).isEqualTo(42);
    }

    @Test
    void theCapacityGaugeIsTheWindowsShareOfBusyTime() {
        BusyTimeWindow tenSeconds = new BusyTimeWindow(10);
        long now = System.nanoTime();
        tenSeconds.add(5 * SECOND, now);

        assertThat(CachedMeterMonitors.Capacity.capacity(tenSeconds)).isEqualTo(0.5);
        assertThat(tenSeconds.windowNanos()).isEqualTo(10 * SECOND);
    }

    @Test
    void aWindowIsAtLeastOneSecond() {
        assertThatThrownBy(() -> new BusyTimeWindow(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
