package io.p3protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportTest {

    private static JsonNode json(String s) throws Exception {
        return AppClient.JSON.readTree(s);
    }

    @Test
    void eachFigureSitsNextToItsMatchingRawLimit() throws Exception {
        PgLimits limits = PgLimits.parseTsv(PgLimitsTest.TSV);
        JsonNode load = json("""
                {"commands":[
                  {"name":"create_tenant","clients":1,"throughput":406.25,"latencyMs":{"p50":2.0,"p99":4.0}},
                  {"name":"create_tenant","clients":8,"throughput":1200.0,"latencyMs":{"p50":5.0,"p99":12.0}},
                  {"name":"issue_key","clients":8,"throughput":1000.0,"latencyMs":{"p50":6.0,"p99":9.0}}],
                 "replay":{"runs":[{"events":120000,"eventsPerSecond":30000}],"medianEventsPerSecond":30000},
                 "export":{"runs":[{"records":120000}],"medianEventsPerSecond":40000}}""");
        JsonNode startup = json("""
                {"runs":[{"kind":"cold","ok":true,"seconds":12.0},{"kind":"warm","ok":true,"seconds":16.0},
                         {"kind":"cold","ok":false,"error":"x"}]}""");
        List<RatioTable.Row> rows = Report.table(limits, load, startup, 0.5).rows();

        RatioTable.Row ct1 = row(rows, "Create tenant throughput, 1 client", "A1");
        assertThat(ct1.reference()).isEqualTo(812.5);
        assertThat(ct1.ratio()).isCloseTo(0.5, within(1e-9));
        assertThat(ct1.result()).isEqualTo("pass");

        RatioTable.Row ct8 = row(rows, "Create tenant throughput, 8 clients", "A1");
        assertThat(ct8.reference()).isEqualTo(2400.0);
        assertThat(ct8.ratio()).isCloseTo(0.5, within(1e-9));
        RatioTable.Row ct8a2 = row(rows, "Create tenant throughput, 8 clients", "A2");
        assertThat(ct8a2.reference()).isEqualTo(1900.2);
        assertThat(ct8a2.target()).isNull();

        assertThat(row(rows, "Create tenant p99 latency, 8 clients", "A1").result()).isEqualTo("FAIL");
        assertThat(row(rows, "Issue API key p99 latency, 8 clients", "A1").result()).isEqualTo("pass");
        assertThat(row(rows, "Issue API key throughput, 8 clients", "A1").result()).isEqualTo("FAIL"); // 1000/2400

        RatioTable.Row replay = row(rows, "Projection replay, 120000 events", "C");
        assertThat(replay.reference()).isEqualTo(95300.0);
        assertThat(replay.result()).isEqualTo("pass");
        assertThat(row(rows, "Audit export (NDJSON), 120000 records", "C").result()).isEqualTo("FAIL");

        RatioTable.Row cold = row(rows, "Start to ready, embedded default (cold: empty data dir)", "pg_ctl");
        assertThat(cold.value()).isEqualTo(12.0); // the failed cold run is left out, not counted as 0
        assertThat(cold.ratio()).isEqualTo(24.0);
        assertThat(row(rows, "Start to ready, embedded default (warm: restart on that data dir)", "pg_ctl").result()).isEqualTo("FAIL");
        assertThat(row(rows, "Start to ready, embedded default (first: empty data dir and java.io.tmpdir)", "pg_ctl").result())
                .isEqualTo("n/a");
    }

    @Test
    void missingPartsAreNotMeasuredRatherThanZero() {
        List<RatioTable.Row> rows = Report.table(null, null, null, Double.NaN).rows();
        assertThat(rows).extracting(RatioTable.Row::figure).containsExactly("Projection replay", "Audit export (NDJSON)",
                "Telemetry end to end (HTTP batches of 1000 → stored → projected)", "Telemetry ingest (HTTP 201)",
                "Replay into a report projection",
                "Rule trigger latency p50 (event stored → trigger recorded)",
                "Rule trigger latency p99 (event stored → trigger recorded)",
                "Policy checks added per request, p50 (rate limit, quota, features; timed in the app)",
                "Policy checks added per request, p99 (rate limit, quota, features; timed in the app)",
                "Start to ready, embedded default (cold: empty data dir)", "Start to ready, embedded default (warm: restart on that data dir)",
                "Start to ready, embedded default (first: empty data dir and java.io.tmpdir)");
        assertThat(rows).allSatisfy(r -> assertThat(r.result()).isIn("n/a", "–"));
        String md = Report.markdown(null, null, null, Double.NaN, Map.of());
        assertThat(md).contains("not measured").doesNotContain("NaN");
    }

    @Test
    void telemetryIsComparedWithTheBatchedInsertLimit() throws Exception {
        PgLimits limits = PgLimits.parseTsv("test\tclients\ttx_per_s\trows_per_s\n" + PgLimits.B + "\t2\t100\t100000\n");
        var load = AppClient.JSON.readTree(
                "{\"telemetry\": {\"saturation\": {\"endToEndEventsPerSecond\": 25000, \"ingestEventsPerSecond\": 30000}}}");
        List<RatioTable.Row> rows = Report.table(limits, load, null, Double.NaN).rows();
        RatioTable.Row endToEnd = row(rows, "Telemetry end to end (HTTP batches of 1000 → stored → projected)", "B ");
        assertThat(endToEnd.ratio()).isEqualTo(0.25);
        assertThat(endToEnd.result()).isEqualTo("pass");
        assertThat(row(rows, "Telemetry ingest (HTTP 201)", "B ").ratio()).isEqualTo(0.3);
    }

    @Test
    void theHttpFloorSitsNextToA1WithoutATargetAndInTheRunTable() throws Exception {
        PgLimits limits = PgLimits.parseTsv(PgLimitsTest.TSV);
        JsonNode load = json("""
                {"floor":[
                  {"name":"floor_version","clients":8,"throughput":3600.0,"ok":54000,"latencyMs":{"p50":2.0,"p99":6.5}},
                  {"name":"floor_report_list","clients":1,"throughput":1625.0,"ok":24375,"latencyMs":{"p50":0.6,"p99":1.1}}]}""");
        List<RatioTable.Row> rows = Report.table(limits, load, null, Double.NaN).rows();

        RatioTable.Row version8 = row(rows, "HTTP floor: GET /api/version (public) throughput, 8 clients", "A1");
        assertThat(version8.ratio()).isCloseTo(1.5, within(1e-9)); // 3600 / 2400
        assertThat(version8.target()).isNull();
        assertThat(row(rows, "HTTP floor: GET /api/version (public) p99 latency, 8 clients", "A1").value()).isEqualTo(6.5);
        assertThat(row(rows, "HTTP floor: GET /api/reports (API key) throughput, 1 client", "A1").ratio())
                .isCloseTo(2.0, within(1e-9)); // 1625 / 812.5
        assertThat(Report.markdown(limits, load, null, Double.NaN, Map.of()))
                .contains("| floor_version | 8 |").contains("| floor_report_list | 1 |");
    }

    @Test
    void theRunTableSaysHowManyTailRequestsMetAGcPauseOrThatItWasNotMeasured() throws Exception {
        JsonNode load = json("""
                {"commands":[
                  {"name":"create_tenant","clients":8,"throughput":1600.0,"ok":24000,"latencyMs":{"p50":4.0,"p99":17.5},
                   "gc":{"pauses":12,"pauseMedianMs":27.6,"pauseTotalMs":328.6,"tailRequests":220,"tailInPause":100,
                          "p99ClearMs":15.25}},
                  {"name":"issue_key","clients":8,"throughput":1100.0,"ok":16500,"latencyMs":{"p50":6.0,"p99":22.7}}]}""");

        String md = Report.markdown(PgLimits.parseTsv(PgLimitsTest.TSV), load, null, Double.NaN, Map.of());

        assertThat(md).containsPattern("\\| create_tenant \\| 8 \\|.*\\| 100 of 220 \\(12 pauses, median 27\\.6 ms\\) \\| 15\\.3 \\|");
        assertThat(md).containsPattern("\\| issue_key \\| 8 \\|.*\\| – \\| – \\| – \\|"); // no GC log: not measured
    }

    @Test
    void theCeilingForAnyCommandAddsTheFloorsAndA2sCpuPerOperation() throws Exception {
        PgLimits limits = PgLimits.parseTsv(PgLimitsTest.TSV); // A2 at 8 clients: 1900.2 tx/s
        JsonNode load = json("""
                {"floor":[{"name":"floor_report_list","clients":8,"throughput":3800.4,"latencyMs":{"p99":1.0}},
                          {"name":"floor_report_list","clients":1,"throughput":3000.0,"latencyMs":{"p99":1.0}}]}""");
        List<RatioTable.Row> rows = Report.table(limits, load, null, Double.NaN).rows();

        RatioTable.Row ceiling = row(rows, "Ceiling for any command, 8 clients: the authenticated HTTP floor and A2 on the same cores", "A1");
        assertThat(ceiling.value()).isCloseTo(1266.8, within(1e-9)); // 1 / (1/3800.4 + 1/1900.2)
        assertThat(ceiling.target()).isNull();
        assertThat(rows).noneMatch(r -> r.figure().startsWith("Ceiling for any command, 1 client")); // no A2 at 1 client
        assertThat(Report.commandCeiling(Double.NaN, 1900.2)).isNaN();
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Report.median(new double[]{3, 1, 2})).isEqualTo(2.0);
        assertThat(Report.median(new double[]{4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Report.median(new double[0])).isNaN();
    }

    private static RatioTable.Row row(List<RatioTable.Row> rows, String figure, String refPrefix) {
        return rows.stream().filter(r -> r.figure().equals(figure) && r.referenceName() != null && r.referenceName().startsWith(refPrefix))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + figure + " / " + refPrefix + " in " + rows));
    }

    @Test
    void thePolicyChecksQuantileIsTheUpperBoundOfItsBucketOverTheRunOnly() {
        var before = PolicyOverheadBench.parseBuckets("""
                p3_policy_checks_seconds_bucket{le="5.0E-4"} 10
                p3_policy_checks_seconds_bucket{le="0.001"} 20
                p3_policy_checks_seconds_bucket{le="+Inf"} 20
                """);
        var after = PolicyOverheadBench.parseBuckets("""
                p3_policy_checks_seconds_bucket{le="5.0E-4"} 108
                p3_policy_checks_seconds_bucket{le="0.001"} 119
                p3_policy_checks_seconds_bucket{le="+Inf"} 120
                """);

        assertThat(PolicyOverheadBench.quantileMs(before, after, 0.50)).isEqualTo(0.5);
        assertThat(PolicyOverheadBench.quantileMs(before, after, 0.99)).isEqualTo(1.0);
        assertThat(PolicyOverheadBench.quantileMs(before, before, 0.99)).isNaN();
    }
}
