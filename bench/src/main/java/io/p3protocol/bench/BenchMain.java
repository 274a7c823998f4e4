package io.p3protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Drives a running app over HTTP (loopback only) and writes results as JSON and Markdown.
 * <pre>
 *   BenchMain load    --base-url http://127.0.0.1:8080 --api-key KEY [--db-url jdbc:postgresql://127.0.0.1:5432/p3
 *                     --db-user U --db-password P] --out load.json [options]
 *   BenchMain startup --jar app.jar --admin-key KEY --work-dir DIR --out startup.json [options]
 *   BenchMain telemetry --base-url http://127.0.0.1:8080 --api-key ADMIN_KEY --out telemetry.json [options]
 *   BenchMain report  --limits pg-limits.tsv [--load load.json] [--telemetry telemetry.json] [--startup startup.json] [--pg-start-seconds S]
 *                     --out-json results.json --out-md results.md
 * </pre>
 * Run with no arguments for the option list. bench/run.sh does all three against a throwaway PostgreSQL.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
            usage();
            System.exit(argv.length == 0 ? 2 : 0);
        }
        try {
            switch (argv[0]) {
                case "load" -> load(new Args(argv, 1));
                case "startup" -> startup(new Args(argv, 1));
                case "telemetry" -> telemetry(new Args(argv, 1));
                case "automation" -> automation(new Args(argv, 1));
                case "report" -> report(new Args(argv, 1));
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
        }
        System.exit(0); // HttpClient threads must not keep the JVM alive
    }

    private static void usage() {
        System.err.println(String.join("\n",
                "usage: BenchMain load|telemetry|startup|report [--option value ...]",
                "load:    --base-url URL (loopback)  --api-key KEY  --out FILE",
                "         [--db-url JDBC --db-user U --db-password P]   read-only event counts (else estimated from processor positions)",
                "         [--scenarios commands,floor,seed,replay,export] [--duration 15] [--warmup 20] [--warmup-max 120] [--clients 1,8]",
                "         [--command-client lean|jdk] [--key-tenants 256] [--events-target 100000] [--seed-clients 8] [--seed-max-seconds 1800]",
                "         [--processor tenancy-views] [--replay-runs 1] [--replay-timeout 1800] [--stall-timeout 120]",
                "         [--audit-path /api/audit/events]",
                "         [--audit-key KEY]   another key for the export (default: --api-key)",
                "         [--export-runs 3] [--export-timeout 900] [--wait-ready 180] [--request-timeout 30] [--events-table domainevententry]",
                "         [--app-gc-log FILE]   the app's -Xlog:gc:file=FILE:utctime log: how many p99+ requests met a GC pause",
                "telemetry: --base-url URL (loopback)  --api-key PLATFORM_ADMIN_KEY  --out FILE",
                "         [--clients 2] [--batch 1000] [--warmup 20] [--warmup-max 180] [--duration 20] [--paced-rate 20000] [--paced-duration 20]",
                "         [--drain-timeout 300] [--wait-ready 180] [--request-timeout 60]",
                "automation: --base-url URL (loopback)  --api-key PLATFORM_ADMIN_KEY  --db-url JDBC --db-user U [--db-password P]  --out FILE",
                "         [--rules 100] [--matching-rules 10] [--rule-events-per-second 20] [--rule-seconds 30]",
                "         [--report tenant-access] [--report-runs 3] [--policy-clients 1,4] [--policy-seconds 20] [--warmup 5]",
                "startup: --jar APP_JAR --admin-key KEY --work-dir DIR --out FILE [--first-runs 1] [--cold-runs 1] [--warm-runs 1]",
                "         [--ready-timeout 180] [--launch-prefix 'runuser -u postgres --'] [--data-owner USER] [--java PATH]",
                "report:  --limits TSV [--limits-after TSV] [--load FILE] [--telemetry FILE] [--automation FILE] [--startup FILE] [--pg-start-seconds S] [--info 'k=v;k=v']",
                "         --out-json FILE --out-md FILE"));
    }

    // ---------------------------------------------------------------- load

    private static void load(Args a) throws Exception {
        String baseUrl = a.required("base-url");
        String apiKey = a.required("api-key");
        Path out = Path.of(a.required("out"));
        List<String> scenarios = Arrays.asList(a.str("scenarios", "commands,floor,seed,replay,export").split(","));
        Duration duration = Duration.ofSeconds(a.lng("duration", 15));
        // 20 s: the command runs come first after the app starts, and with 5 s the JIT compiler threads still took
        // about 40 % of the app's CPU during the first measured run (docs/benchmarks.md)
        Duration warmup = Duration.ofSeconds(a.lng("warmup", 20));
        // and then until the JIT compilers are quiet (JitWarmup), at most this long
        Duration warmupMax = Duration.ofSeconds(a.lng("warmup-max", 120));
        List<Integer> clients = CommandBench.parseClients(a.str("clients", "1,8"));
        int keyTenants = a.integer("key-tenants", 256);
        long eventsTarget = a.lng("events-target", 100_000);
        int seedClients = a.integer("seed-clients", 8);
        Duration seedMax = Duration.ofSeconds(a.lng("seed-max-seconds", 1800));
        String processor = a.str("processor", "tenancy-views");
        int replayRuns = a.integer("replay-runs", 1);
        Duration replayTimeout = Duration.ofSeconds(a.lng("replay-timeout", 1800));
        Duration stallTimeout = Duration.ofSeconds(a.lng("stall-timeout", 120));
        String auditPath = a.str("audit-path", "/api/audit/events");
        String auditKey = a.str("audit-key", null);
        int exportRuns = a.integer("export-runs", 3);
        Duration exportTimeout = Duration.ofSeconds(a.lng("export-timeout", 900));
        Duration waitReady = Duration.ofSeconds(a.lng("wait-ready", 180));
        Duration requestTimeout = Duration.ofSeconds(a.lng("request-timeout", 30));
        String dbUrl = a.str("db-url", null);
        String dbUser = a.str("db-user", null);
        String dbPassword = a.str("db-password", null);
        String eventsTable = a.str("events-table", "domainevententry");
        CommandBench.Client commandClient = CommandBench.Client.parse(a.str("command-client", "lean"));
        Optional<Path> appGcLog = Optional.ofNullable(a.str("app-gc-log", null)).map(Path::of);
        a.rejectUnknown();
        if (replayRuns > 20 || exportRuns > 20) {
            throw new IllegalArgumentException("at most 20 replay/export runs");
        }

        AppClient app = new AppClient(baseUrl, apiKey, requestTimeout);
        EventStore store = dbUrl == null ? null : new EventStore(dbUrl, dbUser, dbPassword, eventsTable);
        String runId = UUID.randomUUID().toString().substring(0, 8);
        ObjectNode result = AppClient.JSON.createObjectNode();
        ObjectNode meta = result.putObject("meta");
        meta.put("runId", runId);
        meta.put("baseUrl", baseUrl);
        meta.put("startedAt", Instant.now().toString());
        meta.put("durationSeconds", duration.toSeconds());
        meta.put("warmupSeconds", warmup.toSeconds());
        meta.put("warmupMaxSeconds", warmupMax.toSeconds());
        meta.put("clients", clients.toString());
        meta.put("scenarios", String.join(",", scenarios));
        meta.put("eventCounts", store != null ? "count(*) on " + eventsTable : "processor positions (approximate)");

        awaitHealthy(app, waitReady);
        log("app is healthy at " + baseUrl);

        if (scenarios.contains("commands")) {
            CommandBench bench = new CommandBench(app, runId, commandClient, baseUrl, apiKey, requestTimeout);
            meta.put("commandClient", commandClient.name().toLowerCase(Locale.ROOT));
            ArrayNode cmds = result.putArray("commands");
            for (String cmd : List.of("create_tenant", "issue_key")) {
                for (int c : clients) {
                    log("command " + cmd + " at " + c + " client(s): " + warmup.toSeconds() + "–" + warmupMax.toSeconds()
                            + " s warm-up (until the JIT is quiet), " + duration.toSeconds() + " s measured");
                    measureInto(cmds, cmd, c, "ops/s", appGcLog, () -> cmd.equals("create_tenant")
                            ? bench.createTenant(c, warmup, warmupMax, duration)
                            : bench.issueKey(c, warmup, warmupMax, duration, keyTenants));
                    writeJson(out, result); // keep partial results if a later step hangs or dies
                }
            }
        }

        if (scenarios.contains("floor")) {
            HttpFloorBench floor = new HttpFloorBench(app, baseUrl, apiKey, requestTimeout);
            ArrayNode runs = result.putArray("floor");
            for (HttpFloorBench.Route route : HttpFloorBench.Route.values()) {
                for (int c : clients) {
                    log("HTTP floor GET " + route.path + " at " + c + " client(s): " + warmup.toSeconds() + "–"
                            + warmupMax.toSeconds() + " s warm-up (until the JIT is quiet), " + duration.toSeconds() + " s measured");
                    measureInto(runs, route.runName, c, "requests/s", appGcLog, () -> floor.run(route, c, warmup, warmupMax, duration))
                            .ifPresent(json -> json.put("path", route.path).put("authenticated", route.authenticated));
                    writeJson(out, result);
                }
            }
        }

        if (scenarios.contains("seed")) {
            ObjectNode seed = result.putObject("seed");
            try {
                if (store == null) {
                    seed.put("skipped", "no --db-url: cannot count the events to seed up to");
                } else {
                    long before = store.counts().events();
                    seed.put("eventsBefore", before);
                    seed.put("target", eventsTarget);
                    if (before >= eventsTarget) {
                        seed.put("skipped", "the store already holds " + before + " events");
                        log("seeding not needed: the store already holds " + before + " events (target " + eventsTarget + ")");
                    } else {
                        log("seeding: " + before + " events in the store, target " + eventsTarget + ", " + seedClients + " clients");
                        LoadRunner.Result r = new CommandBench(app, runId).seed(seedClients, eventsTarget, seedMax, 3, store);
                        long after = store.counts().events();
                        seed.put("eventsAfter", after);
                        seed.put("reachedTarget", after >= eventsTarget);
                        if (r != null) {
                            seed.set("load", toJson(r));
                            seed.put("eventsPerSecond", (after - before) / r.elapsedSeconds());
                        }
                        log("  seeded to " + after + " events");
                    }
                }
            } catch (Exception e) {
                seed.put("error", e.toString());
                log("  seeding failed: " + e);
            }
            writeJson(out, result);
        }

        if (scenarios.contains("replay")) {
            ObjectNode replay = result.putObject("replay");
            ArrayNode runs = replay.putArray("runs");
            ReplayBench bench = new ReplayBench(app, processor, store);
            for (int i = 0; i < replayRuns; i++) {
                log("replay " + (i + 1) + "/" + replayRuns + " of " + processor);
                ObjectNode r = runs.addObject();
                try {
                    bench.replayOnce(r, replayTimeout, Duration.ofSeconds(30), stallTimeout);
                    log(String.format(Locale.ROOT, "  %d events in %.2f s = %.0f events/s", r.get("events").asLong(),
                            r.get("seconds").asDouble(), r.get("eventsPerSecond").asDouble()));
                } catch (Exception e) {
                    r.put("error", e.toString());
                    log("  failed: " + e);
                    if (i == 0) {
                        log("  first replay failed: not repeating it");
                        break;
                    }
                }
                writeJson(out, result);
            }
            putMedian(replay, runs);
        }

        if (scenarios.contains("export")) {
            ObjectNode export = result.putObject("export");
            ArrayNode runs = export.putArray("runs");
            AppClient exportClient = auditKey == null ? app : new AppClient(baseUrl, auditKey, requestTimeout);
            ExportBench bench = new ExportBench(exportClient, auditPath);
            if (store != null) {
                try {
                    export.put("eventsInStore", store.counts().events());
                } catch (Exception e) {
                    export.put("eventsInStoreError", e.toString());
                }
            }
            for (int i = 0; i < exportRuns; i++) {
                log("audit export " + (i + 1) + "/" + exportRuns + " from " + auditPath);
                try {
                    ObjectNode r = bench.exportOnce(exportTimeout);
                    runs.add(r);
                    log(String.format(Locale.ROOT, "  %d records, %d bytes in %.2f s = %.0f events/s", r.get("records").asLong(),
                            r.get("bytes").asLong(), r.get("seconds").asDouble(), r.get("eventsPerSecond").asDouble()));
                } catch (Exception e) {
                    runs.addObject().put("error", e.toString());
                    log("  failed: " + e);
                    if (i == 0) {
                        log("  first export failed: not repeating it");
                        break;
                    }
                }
                writeJson(out, result);
            }
            putMedian(export, runs);
        }
        meta.put("finishedAt", Instant.now().toString());
        writeJson(out, result);
        log("wrote " + out);
    }

    /** A closed-loop run after its warm-up, as {@link CommandBench} and {@link HttpFloorBench} make them. */
    @FunctionalInterface
    private interface MeasuredRun {
        CommandBench.Run run() throws Exception;
    }

    /**
     * Runs {@code run} and adds its figures (with the load average around it, its warm-up and, given the app's GC log,
     * the GC pauses its tail met) to {@code runs}, or its failure. Returns the added figures, or empty if the run failed.
     */
    private static Optional<ObjectNode> measureInto(ArrayNode runs, String name, int clients, String unit,
                                                    Optional<Path> appGcLog, MeasuredRun run) {
        try {
            String loadBefore = loadAverage();
            CommandBench.Run measured = run.run();
            LoadRunner.Result r = measured.measured();
            ObjectNode json = toJson(r).put("loadAverageBefore", loadBefore).put("loadAverageAfter", loadAverage());
            json.set("warmup", measured.warmup().toJson());
            String gc = appGcLog.isPresent() && r.latency().count() > 0 ? tailInPausesInto(json, r, appGcLog.get()) : "";
            runs.add(json);
            log(String.format(Locale.ROOT, "  %s; %.0f %s, p50 %.2f ms, p99 %.2f ms, %d errors%s",
                    measured.warmup().describe(), r.throughput(), unit, r.latency().p50Ms(), r.latency().p99Ms(), r.errors(), gc));
            return Optional.of(json);
        } catch (Exception e) {
            runs.addObject().put("name", name).put("clients", clients).put("error", e.toString());
            log("  failed: " + e);
            return Optional.empty();
        }
    }

    /**
     * Adds which of the run's tail requests met a GC pause of the app to its figures and returns it for the log line.
     * The run stands without it: a log that cannot be read is noted, not a failed run.
     */
    private static String tailInPausesInto(ObjectNode json, LoadRunner.Result r, Path appGcLog) {
        try {
            TailInPauses tail = TailInPauses.of(r.timings(), r.latency().p99Ms(), GcPauses.read(appGcLog));
            json.set("gc", tail.toJson());
            return String.format(Locale.ROOT, "; %d GC pauses, %d of the %d requests at or above p99 met one",
                    tail.pauses(), tail.tailInPause(), tail.tailRequests());
        } catch (IOException e) {
            json.put("gcError", e.toString());
            return "; GC log unreadable: " + e;
        }
    }

    private static void putMedian(ObjectNode scenario, ArrayNode runs) {
        List<Double> v = new ArrayList<>();
        runs.forEach(r -> {
            if (r.has("eventsPerSecond")) {
                v.add(r.get("eventsPerSecond").asDouble());
            }
        });
        Report.putNum(scenario, "medianEventsPerSecond", Report.median(v.stream().mapToDouble(Double::doubleValue).toArray()));
        scenario.put("successfulRuns", v.size());
    }

    private static void awaitHealthy(AppClient app, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < until) {
            try {
                HttpResponse<String> r = app.get("/actuator/health");
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + AppClient.abbreviate(r.body());
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("app not healthy within " + timeout.toSeconds() + " s: " + last);
    }

    /** A latency summary in milliseconds: samples, p50, p95, p99, max and mean. */
    static ObjectNode toJson(Percentiles.LatencySummary latency) {
        ObjectNode l = AppClient.JSON.createObjectNode();
        l.put("samples", latency.count());
        Report.putNum(l, "p50", latency.p50Ms());
        Report.putNum(l, "p95", latency.p95Ms());
        Report.putNum(l, "p99", latency.p99Ms());
        Report.putNum(l, "max", latency.maxMs());
        Report.putNum(l, "mean", latency.meanMs());
        return l;
    }

    static ObjectNode toJson(LoadRunner.Result r) {
        ObjectNode o = AppClient.JSON.createObjectNode();
        o.put("name", r.name());
        o.put("clients", r.clients());
        o.put("elapsedSeconds", r.elapsedSeconds());
        o.put("ok", r.ok());
        o.put("errors", r.errors());
        Report.putNum(o, "throughput", r.throughput());
        o.set("latencyMs", toJson(r.latency()));
        ObjectNode outcomes = o.putObject("outcomes");
        r.outcomes().forEach(outcomes::put);
        if (r.abortedForErrors()) {
            o.put("abortedForErrors", true);
        }
        return o;
    }

    // ---------------------------------------------------------------- startup

    private static void startup(Args a) throws Exception {
        Path jar = Path.of(a.required("jar")).toAbsolutePath();
        String adminKey = a.required("admin-key");
        Path workDir = Path.of(a.required("work-dir")).toAbsolutePath();
        Path out = Path.of(a.required("out"));
        int first = a.integer("first-runs", 1);
        int cold = a.integer("cold-runs", 1);
        int warm = a.integer("warm-runs", 1);
        Duration readyTimeout = Duration.ofSeconds(a.lng("ready-timeout", 180));
        String prefix = a.str("launch-prefix", "");
        String owner = a.str("data-owner", null);
        String java = a.str("java", ProcessHandle.current().info().command().orElse("java"));
        boolean keep = a.flag("keep-data");
        a.rejectUnknown();
        if (first < 0 || cold < 0 || warm < 0 || first + cold + warm > 20) {
            throw new IllegalArgumentException("0..20 start-up runs in total");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no app jar at " + jar);
        }
        Files.createDirectories(workDir);
        List<String> prefixTokens = prefix.isBlank() ? List.of() : Arrays.asList(prefix.trim().split("\\s+"));
        StartupBench bench = new StartupBench(jar, java, prefixTokens, adminKey, workDir, owner, readyTimeout, List.of());
        log("start to ready: " + first + " first + " + cold + " cold + " + warm + " warm run(s) of " + jar);
        ObjectNode result = bench.run(first, cold, warm);
        result.put("measuredAt", Instant.now().toString());
        for (JsonNode r : result.get("runs")) {
            log("  " + r.path("kind").asText() + ": " + (r.path("ok").asBoolean()
                    ? String.format(Locale.ROOT, "%.2f s", r.path("seconds").asDouble()) : r.path("error").asText()));
        }
        if (!keep) { // the data dirs and the fresh java.io.tmpdirs of the runs
            try (var dirs = Files.list(workDir)) {
                for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                    String n = d.getFileName().toString();
                    if (n.startsWith("p3-data-") || n.startsWith("java-tmp-")) {
                        StartupBench.deleteTree(d);
                    }
                }
            } catch (IOException e) {
                log("  could not delete the start-up data dirs: " + e);
            }
        }
        writeJson(out, result);
    }

    // ---------------------------------------------------------------- telemetry

    private static void telemetry(Args a) throws Exception {
        String baseUrl = a.required("base-url");
        String apiKey = a.required("api-key");
        Path out = Path.of(a.required("out"));
        int clients = a.integer("clients", 2);
        int batch = a.integer("batch", 1000);
        Duration warmup = Duration.ofSeconds(a.lng("warmup", 20));
        // and then until the JIT compilers are quiet (JitWarmup): the telemetry path took more than a minute of C2
        Duration warmupMax = Duration.ofSeconds(a.lng("warmup-max", 180));
        Duration duration = Duration.ofSeconds(a.lng("duration", 20));
        double pacedRate = a.dbl("paced-rate", 20_000);
        Duration pacedDuration = Duration.ofSeconds(a.lng("paced-duration", 20));
        Duration drainTimeout = Duration.ofSeconds(a.lng("drain-timeout", 300));
        Duration waitReady = Duration.ofSeconds(a.lng("wait-ready", 180));
        Duration requestTimeout = Duration.ofSeconds(a.lng("request-timeout", 60));
        a.rejectUnknown();
        if (clients < 1 || clients > 64 || batch < 1 || batch > 1000) {
            throw new IllegalArgumentException("1..64 clients and batches of 1..1000 events");
        }
        AppClient app = new AppClient(baseUrl, apiKey, requestTimeout);
        awaitHealthy(app, waitReady);
        String runId = UUID.randomUUID().toString().substring(0, 8);
        log("telemetry: " + clients + " clients, batches of " + batch + ", " + warmup.toSeconds() + "–"
                + warmupMax.toSeconds() + " s warm-up (until the JIT is quiet), "
                + duration.toSeconds() + " s saturation, then " + pacedDuration.toSeconds() + " s paced at " + pacedRate + " events/s");
        ObjectNode result = AppClient.JSON.createObjectNode();
        result.put("runId", runId);
        result.put("startedAt", Instant.now().toString());
        result.put("loadAverageBefore", loadAverage());
        try {
            result.setAll(new TelemetryBench(app, baseUrl, requestTimeout, batch, runId)
                    .run(clients, warmup, warmupMax, duration, pacedRate, pacedDuration, drainTimeout));
        } catch (Exception e) {
            result.put("error", e.toString());
            log("  failed: " + e);
        }
        result.put("loadAverageAfter", loadAverage());
        result.put("finishedAt", Instant.now().toString());
        writeJson(out, result);
        log("wrote " + out);
    }

    // ---------------------------------------------------------------- automation

    /** Rule trigger latency, replay into a report projection and the policy checks' overhead, on one running app. */
    private static void automation(Args a) throws Exception {
        String baseUrl = a.required("base-url");
        String apiKey = a.required("api-key");
        Path out = Path.of(a.required("out"));
        EventStore store = new EventStore(a.required("db-url"), a.required("db-user"), a.str("db-password", null),
                "domainevententry");
        int rules = a.integer("rules", 100);
        int matching = a.integer("matching-rules", 10);
        double ruleRate = a.dbl("rule-events-per-second", 20);
        Duration ruleDuration = Duration.ofSeconds(a.lng("rule-seconds", 30));
        String report = a.str("report", "tenant-access");
        int reportRuns = a.integer("report-runs", 3);
        List<Integer> policyClients = CommandBench.parseClients(a.str("policy-clients", "1,4"));
        Duration policyDuration = Duration.ofSeconds(a.lng("policy-seconds", 20));
        Duration warmup = Duration.ofSeconds(a.lng("warmup", 5));
        Duration requestTimeout = Duration.ofSeconds(a.lng("request-timeout", 120));
        a.rejectUnknown();
        if (rules < 1 || rules > 1000 || reportRuns < 1 || reportRuns > 20 || policyClients.stream().anyMatch(c -> c < 1 || c > 64)) {
            throw new IllegalArgumentException("1..1000 rules, 1..20 report runs, 1..64 policy clients");
        }
        AppClient app = new AppClient(baseUrl, apiKey, requestTimeout);
        awaitHealthy(app, Duration.ofSeconds(180));
        String runId = UUID.randomUUID().toString().substring(0, 8);
        ObjectNode result = AppClient.JSON.createObjectNode();
        result.put("runId", runId);
        result.put("startedAt", Instant.now().toString());

        log("replay into the report projection '" + report + "', " + reportRuns + " run(s)");
        ObjectNode replay = result.putObject("reportReplay");
        ArrayNode runs = replay.putArray("runs");
        ReportReplayBench replayBench = new ReportReplayBench(app, store);
        for (int i = 0; i < reportRuns; i++) {
            try {
                runs.add(replayBench.replayOnce(report));
            } catch (Exception e) {
                runs.addObject().put("error", e.toString());
                log("  failed: " + e);
            }
        }
        putMedian(replay, runs);
        writeJson(out, result);

        log("rule trigger latency: " + rules + " active rules, " + matching + " matching, " + ruleRate + " events/s for "
                + ruleDuration.toSeconds() + " s");
        try {
            result.set("ruleTriggers", new RuleTriggerBench(app, baseUrl, requestTimeout, runId)
                    .run(rules, matching, ruleRate, ruleDuration, Duration.ofSeconds(300)));
        } catch (Exception e) {
            result.putObject("ruleTriggers").put("error", e.toString());
            log("  failed: " + e);
        }
        writeJson(out, result);

        ArrayNode policyRuns = result.putArray("policyOverhead");
        for (int clients : policyClients) {
            log("policy checks: " + clients + " client(s), " + policyDuration.toSeconds() + " s per key");
            try {
                policyRuns.add(new PolicyOverheadBench(app, baseUrl, requestTimeout, runId + "-" + clients)
                        .run(clients, warmup, policyDuration));
            } catch (Exception e) {
                policyRuns.addObject().put("clients", clients).put("error", e.toString());
                log("  failed: " + e);
            }
        }
        result.put("finishedAt", Instant.now().toString());
        writeJson(out, result);
        log("wrote " + out);
    }

    // ---------------------------------------------------------------- report

    private static void report(Args a) throws Exception {
        Path limitsFile = Path.of(a.required("limits"));
        String limitsAfterFile = a.str("limits-after", null);
        String loadFile = a.str("load", null);
        String startupFile = a.str("startup", null);
        String telemetryFile = a.str("telemetry", null);
        String automationFile = a.str("automation", null);
        double pgStart = a.dbl("pg-start-seconds", Double.NaN);
        String info = a.str("info", "");
        Path outJson = Path.of(a.required("out-json"));
        Path outMd = Path.of(a.required("out-md"));
        a.rejectUnknown();

        PgLimits limits = Files.exists(limitsFile) ? PgLimits.parseTsv(Files.readString(limitsFile)) : null;
        PgLimits limitsAfter = limitsAfterFile != null && Files.exists(Path.of(limitsAfterFile))
                ? PgLimits.parseTsv(Files.readString(Path.of(limitsAfterFile))) : null;
        JsonNode load = readIfExists(loadFile);
        JsonNode startup = readIfExists(startupFile);
        JsonNode telemetry = readIfExists(telemetryFile);
        if (telemetry != null) { // reported as one more scenario of the load
            load = load instanceof ObjectNode o ? o : AppClient.JSON.createObjectNode();
            ((ObjectNode) load).set("telemetry", telemetry);
        }
        JsonNode automation = readIfExists(automationFile);
        if (automation != null) {
            load = load instanceof ObjectNode o ? o : AppClient.JSON.createObjectNode();
            ((ObjectNode) load).set("automation", automation);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Generated", Instant.now().toString());
        env.put("Host", Runtime.getRuntime().availableProcessors() + " CPUs, " + memTotal() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + cpuModel());
        env.put("Bench JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        for (String kv : info.split(";")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        if (load != null && load.has("meta")) {
            JsonNode m = load.get("meta");
            String warmups = m.has("warmupMaxSeconds")
                    ? m.path("warmupSeconds").asText() + "–" + m.path("warmupMaxSeconds").asText() + " s warm-up (until the JIT is quiet)"
                    : m.path("warmupSeconds").asText() + " s warm-up";
            env.put("Command runs", warmups + " + " + m.path("durationSeconds").asText()
                    + " s measured per command and concurrency; clients " + m.path("clients").asText());
        }
        if (limits == null) {
            env.put("Raw limits", "MISSING (" + limitsFile + " not found): no ratios");
        }
        RatioTable table = Report.table(limits, load, startup, pgStart);
        ObjectNode json = AppClient.JSON.createObjectNode();
        ObjectNode envNode = json.putObject("environment");
        env.forEach(envNode::put);
        json.set("ratios", Report.tableJson(table));
        ArrayNode lim = json.putArray("rawLimits");
        if (limits != null) {
            for (PgLimits.Limit l : limits.all()) {
                ObjectNode o = lim.addObject().put("test", l.test()).put("clients", l.clients());
                Report.putNum(o, "txPerSecond", l.txPerSec());
                Report.putNum(o, "rowsPerSecond", l.rowsPerSec());
                Report.putNum(o, "latencyAvgMs", l.latencyAvgMs());
            }
        }
        Report.putNum(json, "pgStartSeconds", pgStart);
        json.set("load", load);
        json.set("startup", startup);
        writeJson(outJson, json);
        if (limitsAfter != null) {
            ArrayNode la = json.putArray("rawLimitsAfter");
            for (PgLimits.Limit l : limitsAfter.all()) {
                ObjectNode o = la.addObject().put("test", l.test()).put("clients", l.clients());
                Report.putNum(o, "txPerSecond", l.txPerSec());
                Report.putNum(o, "rowsPerSecond", l.rowsPerSec());
                Report.putNum(o, "latencyAvgMs", l.latencyAvgMs());
            }
        }
        String md = Report.markdown(limits, limitsAfter, load, startup, pgStart, env);
        Files.writeString(outMd, md);
        System.out.println(md);
    }

    private static JsonNode readIfExists(String file) throws IOException {
        if (file == null || !Files.exists(Path.of(file))) {
            return null;
        }
        return AppClient.JSON.readTree(Path.of(file).toFile());
    }

    /** The first three fields of /proc/loadavg (1, 5, 15 min), to show how busy the shared machine was. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D+", ""));
                    return String.format(Locale.ROOT, "%.1f GiB RAM", kb / 1024.0 / 1024.0);
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return "? RAM";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return ", " + line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return "";
    }

    static void writeJson(Path file, JsonNode node) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, node.toPrettyString());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static void log(String msg) {
        System.err.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + msg);
    }
}
