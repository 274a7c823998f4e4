package io.p3protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * End-to-end rule trigger latency with many active rules: one tenant gets {@code rules} active rules, each a
 * 5-node nested condition ({@code and(eq eventType, or(gt amount, eq chain))}) evaluated against every event of
 * the tenant; {@code matching} of them match every transfer. Transfers ({@code POST /api/payments/transfer}) are
 * sent one at a time at a fixed rate; each becomes a {@code TransferRequestedEvent}. Once every expected trigger is
 * listed by GraphQL {@code ruleTriggers}, the latency of each is {@code triggeredAt − eventTimestamp}: from the
 * event's timestamp (taken when the command handler applied it, just before it was stored) to the timestamp of the
 * {@code RuleTriggeredEvent} that records the match (the trigger processor evaluated the event, in priority order
 * across all rules, and the execution was recorded). Both are event timestamps of the same app at millisecond
 * precision. Per event, the latency is that of its last trigger (all its matching rules recorded).
 */
final class RuleTriggerBench {
    private static final String TO = "0x00000000000000000000000000000000000000b3";

    private final AppClient admin;
    private final String baseUrl;
    private final Duration requestTimeout;
    private final String runId;

    RuleTriggerBench(AppClient admin, String baseUrl, Duration requestTimeout, String runId) {
        this.admin = admin;
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.runId = runId;
    }

    ObjectNode run(int rules, int matching, double eventsPerSecond, Duration duration, Duration drainTimeout)
            throws Exception {
        if (matching < 1 || matching > rules) {
            throw new IllegalArgumentException("--matching must be between 1 and --rules");
        }
        ObjectNode out = AppClient.JSON.createObjectNode();
        out.put("rules", rules);
        out.put("matchingRules", matching);
        out.put("conditionNodes", 5);
        out.put("targetEventsPerSecond", eventsPerSecond);
        String tenant = admin.createTenantId("rules-bench-" + runId);
        AppClient.expect(admin.putJson("/api/tenants/" + tenant + "/policy", "{\"sandbox\":false,\"rateLimitRpm\":1000000}"), 200,
                "policy PUT");
        HttpResponse<String> issued = admin.postJson("/api/tenants/" + tenant + "/api-keys", "{\"roles\":[\"admin\"]}");
        AppClient.expect(issued, 201, "admin key issue");
        AppClient tenantKey = new AppClient(baseUrl, AppClient.JSON.readTree(issued.body()).get("apiKey").asText(),
                requestTimeout);

        for (int i = 0; i < rules; i++) {
            AppClient.expect(tenantKey.postJson("/api/rules", rule(i, i < matching)), 201, "rule " + i);
        }
        BenchMain.log("  " + rules + " active rules created (" + matching + " match every transfer)");

        long interval = (long) (1e9 / eventsPerSecond);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int sent = 0;
        int failed = 0;
        for (long due = start; due < end; due += interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            HttpResponse<String> transfer = tenantKey.postJson("/api/payments/transfer",
                    "{\"chain\":\"sepolia\",\"to\":\"" + TO + "\",\"amount\":\"5\"}");
            if (transfer.statusCode() == 202) {
                sent++;
            } else {
                failed++;
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        out.put("events", sent);
        out.put("failedRequests", failed);
        Report.putNum(out, "achievedEventsPerSecond", sent / sendSeconds);

        long expected = (long) sent * matching;
        List<JsonNode> triggers = awaitTriggers(tenantKey, expected, drainTimeout);
        out.put("expectedTriggers", expected);
        out.put("triggers", triggers.size());
        long[] perTrigger = new long[triggers.size()];
        Map<String, Long> perEvent = new HashMap<>();
        for (int i = 0; i < triggers.size(); i++) {
            JsonNode t = triggers.get(i);
            long nanos = Duration.between(Instant.parse(t.get("eventTimestamp").asText()),
                    Instant.parse(t.get("triggeredAt").asText())).toNanos();
            perTrigger[i] = nanos;
            perEvent.merge(t.get("eventId").asText(), nanos, Math::max);
        }
        java.util.Arrays.sort(perTrigger);
        long[] eventLatencies = perEvent.values().stream().mapToLong(Long::longValue).sorted().toArray();
        out.set("triggerLatency", BenchMain.toJson(Percentiles.summarizeNanos(perTrigger)));
        out.set("eventLatency", BenchMain.toJson(Percentiles.summarizeNanos(eventLatencies)));
        BenchMain.log(String.format(Locale.ROOT, "  %d events at %.1f/s, %d triggers; per trigger p50 %.1f ms p99 %.1f ms;"
                        + " per event (last of its %d) p50 %.1f ms p99 %.1f ms", sent, sent / sendSeconds, triggers.size(),
                Percentiles.summarizeNanos(perTrigger).p50Ms(), Percentiles.summarizeNanos(perTrigger).p99Ms(), matching,
                Percentiles.summarizeNanos(eventLatencies).p50Ms(), Percentiles.summarizeNanos(eventLatencies).p99Ms()));
        return out;
    }


    /** A 5-node condition: and(eventType = TransferRequestedEvent, or(amount > threshold, chain = never-i)). */
    static String rule(int i, boolean matches) {
        return "{\"name\":\"bench rule " + i + "\",\"priority\":" + (i + 1) + ",\"status\":\"active\","
                + "\"condition\":{\"logic\":\"and\",\"conditions\":["
                + "{\"field\":\"eventType\",\"operator\":\"eq\",\"value\":\"TransferRequestedEvent\"},"
                + "{\"logic\":\"or\",\"conditions\":["
                + "{\"field\":\"amount\",\"operator\":\"gt\",\"value\":" + (matches ? "0" : "1000000000") + "},"
                + "{\"field\":\"chain\",\"operator\":\"eq\",\"value\":\"never-" + i + "\"}]}]},"
                + "\"action\":{\"type\":\"plugin_emit\",\"pluginId\":\"journal\",\"eventType\":\"bench.rule." + i + "\"}}";
    }

    /** Pages through {@code ruleTriggers} until {@code expected} are listed (or the timeout passes). */
    private static List<JsonNode> awaitTriggers(AppClient tenantKey, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        while (true) {
            String query = "{ ruleTriggers(first: 100" + (after == null ? "" : ", after: \\\"" + after + "\\\"")
                    + ") { edges { cursor node { eventId eventTimestamp triggeredAt } } } }";
            HttpResponse<String> page = tenantKey.postJson("/graphql", "{\"query\":\"" + query + "\"}");
            AppClient.expect(page, 200, "ruleTriggers");
            JsonNode edges = AppClient.JSON.readTree(page.body()).path("data").path("ruleTriggers").path("edges");
            for (JsonNode edge : edges) {
                all.add(edge.get("node"));
                after = edge.get("cursor").asText();
            }
            if (all.size() >= expected) {
                return all;
            }
            if (edges.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("only " + all.size() + " of " + expected + " triggers after " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

}
