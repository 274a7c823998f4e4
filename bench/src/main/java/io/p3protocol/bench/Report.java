package io.p3protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the app's figures (load.json, startup.json) next to the raw PostgreSQL limits (pg-limits.tsv) measured in the
 * same run, as ratios. Targets are reported as information only.
 */
final class Report {
    static final double COMMAND_RATIO_TARGET = 0.50;
    static final double P99_TARGET_MS = 10;
    static final double REPLAY_TARGET = 20_000;
    static final double EXPORT_TARGET = 50_000;
    static final double START_TARGET_S = 15;
    static final double TELEMETRY_TARGET = 20_000;
    static final double REPORT_REPLAY_TARGET = 50_000;
    static final double POLICY_P99_TARGET_MS = 1;

    private Report() {
    }

    /** The ratio table. Any input may be null (that part was not run); its rows then say "not measured". */
    static RatioTable table(PgLimits limits, JsonNode load, JsonNode startup, double pgStartSeconds) {
        RatioTable t = new RatioTable();
        PgLimits lim = limits != null ? limits : new PgLimits(List.of());
        for (String cmd : List.of("create_tenant", "issue_key")) {
            String label = cmd.equals("create_tenant") ? "Create tenant" : "Issue API key";
            for (JsonNode c : commands(load, cmd)) {
                int clients = c.path("clients").asInt();
                double tput = num(c.get("throughput"));
                Optional<PgLimits.Limit> a1 = lim.find(PgLimits.A1, clients);
                t.add(new RatioTable.Row(label + " throughput, " + clients + (clients == 1 ? " client" : " clients"), tput, "ops/s",
                        "A1 single-row INSERT, " + clients + " cl.", a1.map(PgLimits.Limit::txPerSec).orElse(Double.NaN), "tx/s",
                        RatioTable.Target.ratioAtLeast(COMMAND_RATIO_TARGET)));
                Optional<PgLimits.Limit> a2 = lim.find(PgLimits.A2, clients);
                if (a2.isPresent()) {
                    t.add(new RatioTable.Row(label + " throughput, " + clients + " clients", tput, "ops/s",
                            "A2 command-shaped append, " + clients + " cl.", a2.get().txPerSec(), "tx/s", null));
                }
                if (clients == 8) {
                    t.add(new RatioTable.Row(label + " p99 latency, 8 clients", num(c.path("latencyMs").get("p99")), "ms",
                            "A1 mean latency, 8 cl.", a1.map(PgLimits.Limit::latencyAvgMs).orElse(Double.NaN), "ms",
                            RatioTable.Target.atMost(P99_TARGET_MS, "ms")));
                }
            }
        }
        for (HttpFloorBench.Route route : HttpFloorBench.Route.values()) {
            String label = "HTTP floor: GET " + route.path + (route.authenticated ? " (API key)" : " (public)");
            for (JsonNode f : runs(load, "floor", route.runName)) {
                int clients = f.path("clients").asInt();
                Optional<PgLimits.Limit> a1 = lim.find(PgLimits.A1, clients);
                t.add(new RatioTable.Row(label + " throughput, " + clients + (clients == 1 ? " client" : " clients"),
                        num(f.get("throughput")), "requests/s", "A1 single-row INSERT, " + clients + " cl.",
                        a1.map(PgLimits.Limit::txPerSec).orElse(Double.NaN), "tx/s", null));
                if (clients == 8) {
                    t.add(new RatioTable.Row(label + " p99 latency, 8 clients", num(f.path("latencyMs").get("p99")), "ms",
                            "A1 mean latency, 8 cl.", a1.map(PgLimits.Limit::latencyAvgMs).orElse(Double.NaN), "ms", null));
                }
                Optional<PgLimits.Limit> a2 = lim.find(PgLimits.A2, clients);
                if (route.authenticated && a2.isPresent()) {
                    t.add(new RatioTable.Row("Ceiling for any command, " + clients + " clients: the authenticated HTTP floor "
                            + "and A2 on the same cores", commandCeiling(num(f.get("throughput")), a2.get().txPerSec()), "ops/s",
                            "A1 single-row INSERT, " + clients + " cl.", a1.map(PgLimits.Limit::txPerSec).orElse(Double.NaN),
                            "tx/s", null));
                }
            }
        }
        double c = lim.find(PgLimits.C).map(PgLimits.Limit::rowsPerSec).orElse(Double.NaN);
        JsonNode replay = load == null ? null : load.get("replay");
        t.add(new RatioTable.Row("Projection replay" + eventsNote(replay, "events"), num(replay == null ? null : replay.get("medianEventsPerSecond")),
                "events/s", "C catch-up read, 1000-row pages", c, "rows/s", RatioTable.Target.atLeast(REPLAY_TARGET, "events/s")));
        JsonNode export = load == null ? null : load.get("export");
        t.add(new RatioTable.Row("Audit export (NDJSON)" + eventsNote(export, "records"), num(export == null ? null : export.get("medianEventsPerSecond")),
                "events/s", "C catch-up read, 1000-row pages", c, "rows/s", RatioTable.Target.atLeast(EXPORT_TARGET, "events/s")));
        double b = lim.find(PgLimits.B).map(PgLimits.Limit::rowsPerSec).orElse(Double.NaN);
        JsonNode telemetry = load == null ? null : load.get("telemetry");
        JsonNode saturation = telemetry == null ? null : telemetry.get("saturation");
        t.add(new RatioTable.Row("Telemetry end to end (HTTP batches of 1000 → stored → projected)",
                num(saturation == null ? null : saturation.get("endToEndEventsPerSecond")), "events/s",
                "B batched INSERT, 1000 rows/tx", b, "rows/s", RatioTable.Target.atLeast(TELEMETRY_TARGET, "events/s")));
        t.add(new RatioTable.Row("Telemetry ingest (HTTP 201)",
                num(saturation == null ? null : saturation.get("ingestEventsPerSecond")), "events/s",
                "B batched INSERT, 1000 rows/tx", b, "rows/s", RatioTable.Target.atLeast(TELEMETRY_TARGET, "events/s")));
        JsonNode automation = load == null ? null : load.get("automation");
        JsonNode reportReplay = automation == null ? null : automation.get("reportReplay");
        t.add(new RatioTable.Row("Replay into a report projection" + reportReplayNote(reportReplay),
                num(reportReplay == null ? null : reportReplay.get("medianEventsPerSecond")), "events/s",
                "C catch-up read, 1000-row pages", c, "rows/s", RatioTable.Target.atLeast(REPORT_REPLAY_TARGET, "events/s")));
        double a1Latency = lim.find(PgLimits.A1, 1).map(PgLimits.Limit::latencyAvgMs).orElse(Double.NaN);
        JsonNode triggers = automation == null ? null : automation.get("ruleTriggers");
        String rules = triggers == null ? "" : ", " + triggers.path("rules").asInt() + " active rules";
        for (String q : List.of("p50", "p99")) {
            t.add(new RatioTable.Row("Rule trigger latency " + q + " (event stored → trigger recorded" + rules + ")",
                    num(triggers == null ? null : triggers.path("triggerLatency").get(q)), "ms",
                    "A1 mean latency, 1 cl.", a1Latency, "ms", null));
        }
        JsonNode policyRuns = automation == null ? null : automation.get("policyOverhead");
        if (policyRuns == null || !policyRuns.isArray() || policyRuns.isEmpty()) {
            policyRuns = AppClient.JSON.createArrayNode().add(AppClient.JSON.createObjectNode());
        }
        for (JsonNode policy : policyRuns) {
            String clients = policy.has("clients") ? ", " + policy.get("clients").asInt()
                    + (policy.get("clients").asInt() == 1 ? " client" : " clients") : "";
            for (String q : List.of("p50", "p99")) {
                t.add(new RatioTable.Row("Policy checks added per request, " + q + clients
                        + " (rate limit, quota, features; timed in the app)",
                        num(policy.path("insideApp").get(q + "Ms")), "ms", "A1 mean latency, 1 cl.", a1Latency, "ms",
                        q.equals("p99") ? RatioTable.Target.atMost(POLICY_P99_TARGET_MS, "ms") : null));
            }
        }
        for (String kind : List.of("cold", "warm", "first")) {
            double s = median(startupSeconds(startup, kind));
            String what = switch (kind) {
                case "cold" -> "cold: empty data dir";
                case "warm" -> "warm: restart on that data dir";
                default -> "first: empty data dir and java.io.tmpdir";
            };
            t.add(new RatioTable.Row("Start to ready, embedded default (" + what + ")", s, "s",
                    "pg_ctl start of the bench cluster", pgStartSeconds, "s", RatioTable.Target.atMost(START_TARGET_S, "s")));
        }
        return t;
    }

    /**
     * The most commands per second the machine could answer if a command cost nothing but an authenticated HTTP
     * exchange ({@code floorPerSecond}) and a command-shaped append in PostgreSQL ({@code a2PerSecond}): no framework,
     * no projection. Both runs saturate the same cores, so their CPU per operation adds up: 1 / (1/floor + 1/A2).
     * Slightly low, since pgbench's own CPU is counted in A2 and no command run has pgbench.
     */
    static double commandCeiling(double floorPerSecond, double a2PerSecond) {
        if (!(floorPerSecond > 0) || !(a2PerSecond > 0)) {
            return Double.NaN;
        }
        return 1 / (1 / floorPerSecond + 1 / a2PerSecond);
    }

    /** The full Markdown report. */
    static String markdown(PgLimits limits, JsonNode load, JsonNode startup, double pgStartSeconds, Map<String, String> env) {
        return markdown(limits, null, load, startup, pgStartSeconds, env);
    }

    /** @param after the raw limits measured again after the app runs (null: not measured), to show the machine's drift */
    static String markdown(PgLimits limits, PgLimits after, JsonNode load, JsonNode startup, double pgStartSeconds,
                           Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        sb.append("# P3 benchmark results\n\n");
        env.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        sb.append("\nEvery app figure is shown next to the raw PostgreSQL limit measured on the same database in the same run; "
                + "\"App ÷ raw\" is the app figure divided by that limit. Targets are information, not test failures.\n\n");
        sb.append(table(limits, load, startup, pgStartSeconds).toMarkdown());

        sb.append("\n## Commands and the HTTP floor (closed loop, fixed duration after a warm-up)\n\n");
        sb.append("The HTTP floor runs (`floor_*`) send GETs that do no work behind the web layer, over the same client: "
                + "no command can be faster than they are.\n\n");
        sb.append("Requests at or above p99 that met a GC pause: in flight while the app was stopped for one (its JVM log, "
                + "when the run had it); the pauses are those during the run, with their median length. The next column "
                + "is the p99 of the requests no pause touched.\n\n");
        sb.append("| Run | Clients | Seconds | OK | Errors | ops/s | p50 ms | p95 ms | p99 ms | max ms | A1 mean ms | p50 ÷ A1 mean "
                + "| p99+ requests in a GC pause (pauses, median) | p99 ms of requests in no pause | load avg before → after |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
        PgLimits lim = limits != null ? limits : new PgLimits(List.of());
        List<String[]> measured = new ArrayList<>(List.of(new String[]{"commands", "create_tenant"}, new String[]{"commands", "issue_key"}));
        for (HttpFloorBench.Route route : HttpFloorBench.Route.values()) {
            measured.add(new String[]{"floor", route.runName});
        }
        for (String[] run : measured) {
            String cmd = run[1];
            for (JsonNode c : runs(load, run[0], cmd)) {
                int clients = c.path("clients").asInt();
                JsonNode l = c.path("latencyMs");
                double a1lat = lim.find(PgLimits.A1, clients).map(PgLimits.Limit::latencyAvgMs).orElse(Double.NaN);
                sb.append("| ").append(cmd).append(" | ").append(clients)
                        .append(" | ").append(RatioTable.fmtPlain(num(c.get("elapsedSeconds"))))
                        .append(" | ").append(c.path("ok").asLong())
                        .append(" | ").append(c.path("errors").asLong())
                        .append(" | ").append(fmt(num(c.get("throughput"))))
                        .append(" | ").append(fmt(num(l.get("p50")))).append(" | ").append(fmt(num(l.get("p95"))))
                        .append(" | ").append(fmt(num(l.get("p99")))).append(" | ").append(fmt(num(l.get("max"))))
                        .append(" | ").append(fmt(a1lat))
                        .append(" | ").append(RatioTable.fmtRatio(num(l.get("p50")) / a1lat))
                        .append(" | ").append(tailInPauses(c.get("gc")))
                        .append(" | ").append(p99Clear(c.get("gc")))
                        .append(" | ").append(c.has("loadAverageBefore") ? c.get("loadAverageBefore").asText() + " → "
                                + c.path("loadAverageAfter").asText() : "–").append(" |\n");
                if (c.path("errors").asLong() > 0 || c.has("error")) {
                    sb.append("\n  Outcomes of ").append(cmd).append(" at ").append(clients).append(" clients: ")
                            .append(c.has("outcomes") ? c.get("outcomes").toString() : c.path("error").asText()).append("\n\n");
                }
            }
        }
        section(sb, "Seeding", load == null ? null : load.get("seed"));
        section(sb, "Projection replay", load == null ? null : load.get("replay"));
        section(sb, "Audit export", load == null ? null : load.get("export"));
        section(sb, "Telemetry ingestion", load == null ? null : load.get("telemetry"));
        section(sb, "Automation: report replay, rule triggers, policy checks", load == null ? null : load.get("automation"));
        section(sb, "Start to ready", startup);

        sb.append("\n## Raw PostgreSQL limits (pgbench, same cluster, same run)\n\n");
        sb.append("| Test | Clients | tx/s | rows/s | mean latency ms |\n|---|---:|---:|---:|---:|\n");
        for (PgLimits.Limit l : lim.all()) {
            sb.append("| ").append(l.test()).append(" | ").append(l.clients()).append(" | ").append(fmt(l.txPerSec()))
                    .append(" | ").append(fmt(l.rowsPerSec())).append(" | ").append(fmt(l.latencyAvgMs())).append(" |\n");
        }
        if (after != null) {
            sb.append("\nMeasured again after the app runs (same cluster), to show how much the shared machine drifted:\n\n");
            sb.append("| Test | Clients | tx/s before | tx/s after | after ÷ before |\n|---|---:|---:|---:|---:|\n");
            for (PgLimits.Limit l : after.all()) {
                double before = lim.find(l.test(), l.clients()).map(PgLimits.Limit::txPerSec).orElse(Double.NaN);
                sb.append("| ").append(l.test()).append(" | ").append(l.clients()).append(" | ").append(fmt(before))
                        .append(" | ").append(fmt(l.txPerSec())).append(" | ").append(RatioTable.fmtRatio(l.txPerSec() / before))
                        .append(" |\n");
            }
        }
        if (Double.isFinite(pgStartSeconds)) {
            sb.append("\npg_ctl start -w of the bench cluster: ").append(String.format(Locale.ROOT, "%.2f", pgStartSeconds)).append(" s\n");
        }
        return sb.toString();
    }

    private static String reportReplayNote(JsonNode replay) {
        if (replay == null || !replay.has("runs") || replay.get("runs").isEmpty()) {
            return "";
        }
        JsonNode first = replay.get("runs").get(0);
        return first.has("eventsScanned") ? " (" + first.path("report").asText() + ", "
                + String.format(java.util.Locale.ROOT, "%,d", first.get("eventsScanned").asLong()) + " events)" : "";
    }

    private static void section(StringBuilder sb, String title, JsonNode node) {
        sb.append("\n## ").append(title).append("\n\n");
        if (node == null || node.isMissingNode() || node.isNull()) {
            sb.append("Not run.\n");
            return;
        }
        ObjectNode copy = node.deepCopy();
        stripProgress(copy);
        sb.append("```json\n").append(copy.toPrettyString()).append("\n```\n");
    }

    /** Progress curves are kept in the JSON, not repeated in the Markdown. */
    private static void stripProgress(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("progress");
            o.forEach(Report::stripProgress);
        } else if (n instanceof ArrayNode a) {
            a.forEach(Report::stripProgress);
        }
    }

    private static String eventsNote(JsonNode scenario, String what) {
        if (scenario == null) {
            return "";
        }
        JsonNode runs = scenario.get("runs");
        if (runs != null && runs.size() > 0) {
            JsonNode first = runs.get(0);
            JsonNode n = first.has("events") ? first.get("events") : first.get("records");
            if (n != null) {
                return ", " + n.asLong() + " " + what;
            }
        }
        return "";
    }

    private static List<JsonNode> commands(JsonNode load, String name) {
        return runs(load, "commands", name);
    }

    /** The runs named {@code name} in load.json's array {@code array} ("commands" or "floor"). */
    private static List<JsonNode> runs(JsonNode load, String array, String name) {
        List<JsonNode> out = new ArrayList<>();
        if (load != null && load.has(array)) {
            for (JsonNode c : load.get(array)) {
                if (name.equals(c.path("name").asText())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static double[] startupSeconds(JsonNode startup, String kind) {
        if (startup == null || !startup.has("runs")) {
            return new double[0];
        }
        List<Double> v = new ArrayList<>();
        for (JsonNode r : startup.get("runs")) {
            if (kind.equals(r.path("kind").asText()) && r.path("ok").asBoolean()) {
                v.add(r.path("seconds").asDouble());
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** "k of n (p pauses, median m ms)" from a run's {@code gc} figures; "–" without them. */
    static String tailInPauses(JsonNode gc) {
        if (gc == null || !gc.has("tailRequests")) {
            return "–";
        }
        int count = gc.path("pauses").asInt();
        String pauses = count + (count == 1 ? " pause" : " pauses")
                + (count > 0 ? ", median " + fmt(num(gc.get("pauseMedianMs"))) + " ms" : "");
        return gc.path("tailInPause").asLong() + " of " + gc.path("tailRequests").asLong() + " (" + pauses + ")";
    }

    /** The p99 of the requests that met no GC pause, from a run's {@code gc} figures; "–" without them. */
    static String p99Clear(JsonNode gc) {
        return gc == null || !gc.has("p99ClearMs") ? "–" : fmt(num(gc.get("p99ClearMs")));
    }

    /** Median of the values; NaN for none. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    private static double num(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? RatioTable.fmtPlain(v) : "–";
    }

    /** The ratio table as JSON rows. */
    static ArrayNode tableJson(RatioTable t) {
        ArrayNode rows = AppClient.JSON.createArrayNode();
        for (RatioTable.Row r : t.rows()) {
            ObjectNode o = rows.addObject();
            o.put("figure", r.figure());
            putNum(o, "value", r.value());
            o.put("unit", r.unit());
            o.put("reference", r.referenceName());
            putNum(o, "referenceValue", r.reference());
            o.put("referenceUnit", r.referenceUnit());
            putNum(o, "ratio", r.ratio());
            o.put("target", r.target() == null ? null : r.target().text());
            o.put("result", r.result());
        }
        return rows;
    }

    static void putNum(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
