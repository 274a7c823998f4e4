package io.p3protocol.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RatioTableTest {

    @Test
    void ratioIsAppOverRaw() {
        RatioTable.Row r = new RatioTable.Row("x", 450, "ops/s", "A1", 900, "tx/s", RatioTable.Target.ratioAtLeast(0.5));
        assertThat(r.ratio()).isEqualTo(0.5);
        assertThat(r.result()).isEqualTo("pass");
        RatioTable.Row below = new RatioTable.Row("x", 449, "ops/s", "A1", 900, "tx/s", RatioTable.Target.ratioAtLeast(0.5));
        assertThat(below.result()).isEqualTo("FAIL");
    }

    @Test
    void absoluteTargetsIgnoreTheRatio() {
        RatioTable.Target p99 = RatioTable.Target.atMost(10, "ms");
        assertThat(new RatioTable.Row("p99", 10.0, "ms", "A1 mean", 1, "ms", p99).result()).isEqualTo("pass");
        assertThat(new RatioTable.Row("p99", 10.01, "ms", "A1 mean", 100, "ms", p99).result()).isEqualTo("FAIL");
        RatioTable.Target replay = RatioTable.Target.atLeast(20_000, "events/s");
        assertThat(new RatioTable.Row("replay", 19_999, "events/s", "C", 1, "rows/s", replay).result()).isEqualTo("FAIL");
        assertThat(new RatioTable.Row("replay", 20_000, "events/s", null, Double.NaN, null, replay).result()).isEqualTo("pass");
    }

    @Test
    void missingNumbersGiveNoRatioAndNoVerdict() {
        RatioTable.Row noValue = new RatioTable.Row("x", Double.NaN, "ops/s", "A1", 900, "tx/s", RatioTable.Target.ratioAtLeast(0.5));
        assertThat(noValue.ratio()).isNaN();
        assertThat(noValue.result()).isEqualTo("n/a");
        RatioTable.Row noRef = new RatioTable.Row("x", 100, "ops/s", "A1", Double.NaN, "tx/s", RatioTable.Target.ratioAtLeast(0.5));
        assertThat(noRef.result()).isEqualTo("n/a");
        RatioTable.Row zeroRef = new RatioTable.Row("x", 100, "ops/s", "A1", 0, "tx/s", null);
        assertThat(zeroRef.ratio()).isNaN();
        assertThat(zeroRef.result()).isEqualTo("–");
    }

    @Test
    void numberFormattingScalesDigitsWithSize() {
        assertThat(RatioTable.fmtValue(12345.6, "ops/s")).isEqualTo("12346 ops/s");
        assertThat(RatioTable.fmtValue(123.4, "ms")).isEqualTo("123 ms");
        assertThat(RatioTable.fmtValue(12.345, "ms")).isEqualTo("12.3 ms");
        assertThat(RatioTable.fmtValue(1.2345, "ms")).isEqualTo("1.23 ms");
        assertThat(RatioTable.fmtValue(Double.NaN, "ms")).isEqualTo("not measured");
        assertThat(RatioTable.fmtRatio(0.4567)).isEqualTo("0.46");
        assertThat(RatioTable.fmtRatio(0.04567)).isEqualTo("0.046");
        assertThat(RatioTable.fmtRatio(Double.NaN)).isEqualTo("–");
    }

    @Test
    void markdownHasOneRowPerFigureInOrder() {
        String md = new RatioTable()
                .add(new RatioTable.Row("Create tenant throughput, 8 clients", 600, "ops/s", "A1 single-row INSERT, 8 cl.", 2000, "tx/s",
                        RatioTable.Target.ratioAtLeast(0.5)))
                .add(new RatioTable.Row("Start to ready | cold", 9.5, "s", null, Double.NaN, null, RatioTable.Target.atMost(15, "s")))
                .toMarkdown();
        String[] lines = md.split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("| Figure | App | Raw PostgreSQL limit | Raw | App ÷ raw | Target | Result |");
        assertThat(lines[2]).isEqualTo("| Create tenant throughput, 8 clients | 600 ops/s | A1 single-row INSERT, 8 cl. | 2000 tx/s | 0.30 "
                + "| ≥ 50.0% of raw | **FAIL** |");
        assertThat(lines[3]).isEqualTo("| Start to ready \\| cold | 9.50 s | – | – | – | ≤ 15.0 s | pass |");
    }
}
