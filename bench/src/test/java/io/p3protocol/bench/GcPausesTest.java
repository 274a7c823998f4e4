package io.p3protocol.bench;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GcPausesTest {

    /** Lines as JDK 17 writes them with -Xlog:gc:file=...:utctime (G1, then Shenandoah and the parallel collector). */
    private static final List<String> LOG = List.of(
            "[2026-11-24T22:23:57.590+0000] Using G1",
            "[2026-11-24T22:23:57.785+0000] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 19M->7M(388M) 6.845ms",
            "[2026-11-24T22:24:01.100+0000] GC(1) Concurrent Mark Cycle 45.210ms",
            "[2026-11-24T22:24:01.120+0000] GC(1) Pause Remark 50M->50M(388M) 1.250ms",
            "[2026-11-24T22:24:02.000+0000] GC(2) Pause Init Mark 0.098ms",
            "[2026-11-24T22:24:03.000+0000] GC(3) Pause Full (System.gc()) 100M->20M(388M) 120ms",
            "[12.345s] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 19M->7M(388M) 6.845ms");

    @Test
    void readsEachStopTheWorldPauseWithTheMomentItEnded() {
        List<GcPauses.Pause> pauses = GcPauses.parse(LOG);

        assertThat(pauses).extracting(GcPauses.Pause::millis).containsExactly(6.845, 1.25, 0.098, 120.0);
        GcPauses.Pause first = pauses.get(0);
        assertThat(first.endEpochMillis()).isEqualTo(Instant.parse("2026-11-24T22:23:57.785Z").toEpochMilli());
        assertThat(first.startEpochMillis()).isEqualTo(first.endEpochMillis() - 6.845);
    }

    @Test
    void aPauseOverlapsAnIntervalOnlyIfTheyShareAMoment() {
        GcPauses.Pause pause = new GcPauses.Pause(1_000, 10); // stopped from 990 to 1000

        assertThat(pause.overlaps(995, 2_000)).isTrue();
        assertThat(pause.overlaps(900, 991)).isTrue();
        assertThat(pause.overlaps(1_000, 1_100)).isFalse(); // started as the pause ended
        assertThat(pause.overlaps(900, 990)).isFalse(); // answered as it began
    }
}
