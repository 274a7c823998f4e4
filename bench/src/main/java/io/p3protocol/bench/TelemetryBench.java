package io.p3protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Telemetry ingestion end to end: HTTP batches of {@code batchSize} events ({@code POST /api/telemetry}, one
 * tenant's operator key) → stored → handled by every processor that reads the store (the fraud projection, the
 * audit chain, the tenancy views).
 * <ol>
 *   <li><b>saturation</b>: a closed loop of {@code clients} senders for {@code duration} (after a discarded
 *   warm-up and a full drain). Ingest rate = events answered 201 ÷ loop time. End-to-end rate = the same events ÷
 *   the time from the loop's start until every processor's lag is 0 again (stored and projected).</li>
 *   <li><b>paced</b>: the same senders at a fixed total rate (the target, 20,000 events/s by default) for
 *   {@code pacedDuration}; the processors' lag ({@code GET /actuator/processors}, events not yet handled) is
 *   sampled every 250 ms. Lag in seconds = lag in events ÷ the achieved rate.</li>
 * </ol>
 */
final class TelemetryBench {
    /** Reported one by one; the drain waits for every processor the app reports, whatever its name. */
    static final List<String> PROCESSORS = List.of("telemetry-fraud", "audit-chain", "tenancy-views");
    private static final String[] TYPES = {"page_view", "click", "form_submit", "api_call", "error"};
    private static final String[] DEVICES = {"mobile", "tablet", "desktop"};
    private static final int BODIES = 16;

    private final AppClient admin;
    private final String baseUrl;
    private final Duration requestTimeout;
    private final int batchSize;
    private final String runId;

    TelemetryBench(AppClient admin, String baseUrl, Duration requestTimeout, int batchSize, String runId) {
        this.admin = admin;
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.batchSize = batchSize;
        this.runId = runId;
    }

    ObjectNode run(int clients, Duration warmup, Duration warmupMax, Duration duration, double pacedRate, Duration pacedDuration,
                   Duration drainTimeout) throws Exception {
        ObjectNode out = AppClient.JSON.createObjectNode();
        out.put("batchSize", batchSize);
        out.put("clients", clients);
        String tenant = admin.createTenantId("telemetry-bench-" + runId);
        // One key sends everything: lift the tenant's rate limit (default 1000/min) to the maximum, so the bench
        // measures ingestion, not 429s.
        HttpResponse<String> policy = admin.putJson("/api/tenants/" + tenant + "/policy",
                "{\"sandbox\":false,\"rateLimitRpm\":1000000}");
        AppClient.expect(policy, 200, "policy PUT");
        HttpResponse<String> issued = admin.postJson("/api/tenants/" + tenant + "/api-keys", "{\"roles\":[\"operator\"]}");
        AppClient.expect(issued, 201, "operator key issue");
        AppClient sender = new AppClient(baseUrl, AppClient.JSON.readTree(issued.body()).get("apiKey").asText(), requestTimeout);
        String[] bodies = new String[BODIES];
        for (int i = 0; i < BODIES; i++) {
            bodies[i] = body(i);
        }
        out.put("bodyBytes", bodies[0].length());
        LoadRunner.Operation post = (client, seq) -> sender.postJson("/api/telemetry",
                bodies[(int) ((seq + client) % BODIES)], "X-Forwarded-For", clientIp(client, seq)).statusCode();

        JitWarmup.Outcome warm = JitWarmup.run("telemetry_warmup", admin, warmup, warmupMax, clients, 201, post);
        out.set("warmup", warm.toJson());
        BenchMain.log("  " + warm.describe());
        out.put("drainBeforeSeconds", awaitDrained(drainTimeout));

        // saturation
        ObjectNode saturation = out.putObject("saturation");
        LagSampler lag = new LagSampler(admin, Duration.ofMillis(250));
        lag.start();
        long start = System.nanoTime();
        LoadRunner.Result r = LoadRunner.run("telemetry_saturation", clients, duration, Long.MAX_VALUE, 201, null, post);
        double drainSeconds = awaitDrained(drainTimeout);
        double endToEndSeconds = (System.nanoTime() - start) / 1e9;
        lag.stop();
        long events = r.ok() * batchSize;
        saturation.set("load", BenchMain.toJson(r));
        saturation.put("events", events);
        Report.putNum(saturation, "ingestEventsPerSecond", events / r.elapsedSeconds());
        saturation.put("drainAfterLoadSeconds", drainSeconds);
        Report.putNum(saturation, "endToEndEventsPerSecond", Double.isFinite(drainSeconds) ? events / endToEndSeconds : Double.NaN);
        saturation.set("maxLagEvents", lag.maxLag());
        BenchMain.log(String.format(Locale.ROOT, "  saturation: %d events, ingest %.0f events/s, end to end %.0f events/s"
                        + " (drained %.1f s after the load), batch p50 %.0f ms p99 %.0f ms, %d errors", events,
                events / r.elapsedSeconds(), saturation.path("endToEndEventsPerSecond").asDouble(), drainSeconds,
                r.latency().p50Ms(), r.latency().p99Ms(), r.errors()));

        // paced at the target rate
        if (pacedRate > 0 && !pacedDuration.isZero()) {
            ObjectNode paced = out.putObject("paced");
            paced.put("targetEventsPerSecond", pacedRate);
            LagSampler pacedLag = new LagSampler(admin, Duration.ofMillis(250));
            pacedLag.start();
            double batchesPerSecondPerClient = pacedRate / batchSize / clients;
            long intervalNanos = (long) (1e9 / batchesPerSecondPerClient);
            long pacedStart = System.nanoTime();
            LoadRunner.Result p = LoadRunner.run("telemetry_paced", clients, pacedDuration, Long.MAX_VALUE, 201, null,
                    (client, seq) -> {
                        long due = pacedStart + seq * intervalNanos;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        return post.call(client, seq);
                    });
            double pacedDrain = awaitDrained(drainTimeout);
            pacedLag.stop();
            long pacedEvents = p.ok() * batchSize;
            double achieved = pacedEvents / p.elapsedSeconds();
            // (no latencies: the operation's time includes the pacing sleep)
            paced.putObject("load").put("ok", p.ok()).put("errors", p.errors()).put("elapsedSeconds", p.elapsedSeconds())
                    .put("outcomes", p.outcomes().toString());
            Report.putNum(paced, "achievedEventsPerSecond", achieved);
            paced.put("drainAfterLoadSeconds", pacedDrain);
            ObjectNode lags = paced.putObject("lag");
            for (String processor : pacedLag.processors()) {
                long[] samples = pacedLag.samples(processor);
                ObjectNode l = lags.putObject(processor);
                l.put("samples", samples.length);
                if (samples.length > 0) {
                    java.util.Arrays.sort(samples);
                    long p50 = samples[(samples.length - 1) / 2];
                    long p95 = samples[(int) Math.ceil(samples.length * 0.95) - 1];
                    long max = samples[samples.length - 1];
                    l.put("p50Events", p50).put("p95Events", p95).put("maxEvents", max);
                    Report.putNum(l, "p50Seconds", p50 / achieved);
                    Report.putNum(l, "p95Seconds", p95 / achieved);
                    Report.putNum(l, "maxSeconds", max / achieved);
                }
            }
            BenchMain.log(String.format(Locale.ROOT, "  paced at %.0f events/s: achieved %.0f events/s; telemetry-fraud lag p95 %s events;"
                    + " audit-chain lag p95 %s events; drained %.1f s after", pacedRate, achieved,
                    lags.path("telemetry-fraud").path("p95Events").asText("?"),
                    lags.path("audit-chain").path("p95Events").asText("?"), pacedDrain));
        }
        return out;
    }

    /** One batch: sessions, wallets and types vary, so the projection has real rows to write. */
    private String body(int variant) {
        StringBuilder sb = new StringBuilder(batchSize * 160).append("{\"events\":[");
        for (int i = 0; i < batchSize; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"eventType\":\"").append(TYPES[i % TYPES.length]).append("\",\"sessionId\":\"")
                    .append(runId).append('-').append(variant).append('-').append(i % 100).append('"');
            if (i % 4 == 0) {
                sb.append(",\"wallet\":\"0x").append(String.format(Locale.ROOT, "%040x", (long) variant * 1000 + i % 37))
                        .append('"');
            }
            sb.append(",\"geoRegion\":\"DE\",\"device\":\"").append(DEVICES[i % DEVICES.length]).append("\"}");
        }
        return sb.append("]}").toString();
    }

    /** A spread of client addresses (documentation range 198.18.0.0/15 is for benchmarks). */
    private static String clientIp(int client, long seq) {
        return "198." + (18 + (client & 1)) + "." + ((seq >> 8) & 255) + "." + (seq & 255);
    }

    /** Waits until every processor reports lag 0; the seconds it took (NaN on timeout). */
    private double awaitDrained(Duration timeout) throws Exception {
        long start = System.nanoTime();
        long until = start + timeout.toNanos();
        while (System.nanoTime() < until) {
            Map<String, Long> lags = lags(admin);
            if (lags.keySet().containsAll(PROCESSORS) && lags.values().stream().allMatch(l -> l == 0)) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(100);
        }
        BenchMain.log("  processors did not catch up within " + timeout.toSeconds() + " s: " + lags(admin));
        return Double.NaN;
    }

    static Map<String, Long> lags(AppClient app) throws IOException, InterruptedException {
        HttpResponse<String> r = app.get("/actuator/processors");
        Map<String, Long> out = new LinkedHashMap<>();
        if (r.statusCode() != 200) {
            return out;
        }
        for (ProcessorStatus p : ProcessorStatusParser.parse(r.body())) {
            if (p.lag().isPresent()) {
                out.put(p.name(), p.lag().getAsLong());
            }
        }
        return out;
    }

    /** Samples every processor's lag on its own thread. */
    private static final class LagSampler {
        private final AppClient app;
        private final Duration every;
        private final Map<String, List<Long>> samples = new LinkedHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicLong failures = new AtomicLong();
        private Thread thread;

        LagSampler(AppClient app, Duration every) {
            this.app = app;
            this.every = every;
            PROCESSORS.forEach(p -> samples.put(p, new ArrayList<>()));
        }

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        Map<String, Long> lags = lags(app);
                        synchronized (samples) {
                            lags.forEach((name, lag) -> samples.computeIfAbsent(name, n -> new ArrayList<>()).add(lag));
                        }
                        Thread.sleep(every.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            }, "bench-lag-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join(5000);
        }

        List<String> processors() {
            synchronized (samples) {
                return List.copyOf(samples.keySet());
            }
        }

        long[] samples(String processor) {
            synchronized (samples) {
                return samples.get(processor).stream().mapToLong(Long::longValue).toArray();
            }
        }

        JsonNode maxLag() {
            ObjectNode o = AppClient.JSON.createObjectNode();
            for (String processor : processors()) {
                long[] s = samples(processor);
                o.put(processor, java.util.Arrays.stream(s).max().orElse(-1));
            }
            return o;
        }
    }

}
