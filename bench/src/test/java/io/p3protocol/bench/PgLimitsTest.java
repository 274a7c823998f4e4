package io.p3protocol.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PgLimitsTest {
    static final String TSV = """
            test\tclients\ttx_per_s\trows_per_s\tlatency_avg_ms
            A1_single_row_insert\t1\t812.5\t813\t1.231
            A1_single_row_insert\t8\t2400.0\t2400\t3.333
            A2_command_append\t8\t1900.2\t1900\t4.210
            C_catchup_read_1000\t1\t95.3\t95300\t10.493
            """;

    @Test
    void parsesRowsAndFindsByTestAndClients() {
        PgLimits l = PgLimits.parseTsv(TSV);
        assertThat(l.all()).hasSize(4);
        assertThat(l.find(PgLimits.A1, 8)).get().extracting(PgLimits.Limit::txPerSec).isEqualTo(2400.0);
        assertThat(l.find(PgLimits.A1, 1)).get().extracting(PgLimits.Limit::latencyAvgMs).isEqualTo(1.231);
        assertThat(l.find(PgLimits.C)).get().extracting(PgLimits.Limit::rowsPerSec).isEqualTo(95300.0);
        assertThat(l.find(PgLimits.A2, 1)).isEmpty();
    }

    @Test
    void theFourColumnReferenceFormatHasNoLatency() {
        PgLimits l = PgLimits.parseTsv("test\tclients\ttx_per_s\trows_per_s\nA1_single_row_insert\t1\t800\t800\n");
        assertThat(l.find(PgLimits.A1, 1).orElseThrow().latencyAvgMs()).isNaN();
    }

    @Test
    void rejectsShortRows() {
        assertThatThrownBy(() -> PgLimits.parseTsv("A1_single_row_insert\t1\t800\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
