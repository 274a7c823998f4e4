package io.p3protocol.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the tenant policy checks (rate limit, quota, feature gate, sandbox headers) add to a request, two ways:
 * <ol>
 *   <li><b>inside the app</b>: the policy filter times its own work in the Micrometer timer {@code p3.policy.checks},
 *   whose histogram is scraped from {@code /actuator/prometheus} just before and just after the measured run; p50
 *   and p99 come from the difference (the upper bound of the bucket each falls in);</li>
 *   <li><b>from outside</b>: the same cheap route ({@code GET /api/reports}) in a closed loop with a tenant's admin
 *   key (the checks run) and then with the platform-admin key (they do not); the difference of the two p50s and p99s.
 *   The two keys also differ in authentication (the tenant key is one primary-key read; the platform-admin key
 *   is compared in memory), so this difference is an upper bound.</li>
 * </ol>
 * The tenant's rate limit and the key's quota are lifted so that every request is admitted: the bench measures
 * the checks, not 429s.
 */
final class PolicyOverheadBench {
    static final String ROUTE = "/api/reports";
    private static final Pattern BUCKET = Pattern.compile(
            "^p3_policy_checks_seconds_bucket\\{[^}]*le=\"([0-9.eE+-]+|\\+Inf)\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

    private final AppClient admin;
    private final String baseUrl;
    private final Duration requestTimeout;
    private final String runId;

    PolicyOverheadBench(AppClient admin, String baseUrl, Duration requestTimeout, String runId) {
        this.admin = admin;
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.runId = runId;
    }

    ObjectNode run(int clients, Duration warmup, Duration duration) throws Exception {
        ObjectNode out = AppClient.JSON.createObjectNode();
        out.put("route", "GET " + ROUTE);
        out.put("clients", clients);
        String tenant = admin.createTenantId("policy-bench-" + runId);
        AppClient.expect(admin.putJson("/api/tenants/" + tenant + "/policy", "{\"sandbox\":true,\"rateLimitRpm\":1000000}"), 200,
                "policy PUT");
        HttpResponse<String> issued = admin.postJson("/api/tenants/" + tenant + "/api-keys",
                "{\"roles\":[\"admin\"],\"quotaMonthly\":1000000000000}");
        AppClient.expect(issued, 201, "admin key issue");
        AppClient tenantKey = new AppClient(baseUrl, AppClient.JSON.readTree(issued.body()).get("apiKey").asText(),
                requestTimeout);

        LoadRunner.Operation withChecks = (client, seq) -> tenantKey.get(ROUTE).statusCode();
        LoadRunner.Operation withoutChecks = (client, seq) -> admin.get(ROUTE).statusCode();
        LoadRunner.run("policy_warmup", clients, warmup, Long.MAX_VALUE, 200, null, withChecks);
        LoadRunner.run("policy_warmup_admin", clients, warmup, Long.MAX_VALUE, 200, null, withoutChecks);
        var before = scrapeBuckets();
        LoadRunner.Result tenantRun = LoadRunner.run("policy_tenant_key", clients, duration, Long.MAX_VALUE, 200, null,
                withChecks);
        var after = scrapeBuckets(); // the buckets' difference holds exactly the measured requests' checks
        ObjectNode inside = out.putObject("insideApp");
        if (after.isEmpty()) {
            inside.put("error", "the app exposes no p3_policy_checks_seconds histogram");
        } else {
            inside.put("count", after.lastEntry().getValue() - before.getOrDefault(after.lastKey(), 0L));
            Report.putNum(inside, "p50Ms", quantileMs(before, after, 0.50));
            Report.putNum(inside, "p99Ms", quantileMs(before, after, 0.99));
        }
        LoadRunner.Result adminRun = LoadRunner.run("policy_admin_key", clients, duration, Long.MAX_VALUE, 200, null,
                withoutChecks);
        out.set("tenantKey", BenchMain.toJson(tenantRun));
        out.set("platformAdminKey", BenchMain.toJson(adminRun));
        Report.putNum(out, "addedP50Ms", tenantRun.latency().p50Ms() - adminRun.latency().p50Ms());
        Report.putNum(out, "addedP99Ms", tenantRun.latency().p99Ms() - adminRun.latency().p99Ms());
        BenchMain.log(String.format(Locale.ROOT, "  policy checks inside the app: p50 %.3f ms, p99 %.3f ms (%d timed);"
                        + " HTTP p50/p99 tenant key %.2f/%.2f ms vs platform admin %.2f/%.2f ms",
                inside.path("p50Ms").asDouble(Double.NaN), inside.path("p99Ms").asDouble(Double.NaN),
                inside.path("count").asLong(), tenantRun.latency().p50Ms(), tenantRun.latency().p99Ms(),
                adminRun.latency().p50Ms(), adminRun.latency().p99Ms()));
        return out;
    }

    /** Cumulative bucket counts of {@code p3_policy_checks_seconds} by upper bound in seconds (+Inf last). */
    private java.util.TreeMap<Double, Long> scrapeBuckets() throws IOException, InterruptedException {
        HttpResponse<String> scrape = admin.getText("/actuator/prometheus");
        AppClient.expect(scrape, 200, "prometheus scrape");
        return parseBuckets(scrape.body());
    }

    static java.util.TreeMap<Double, Long> parseBuckets(String exposition) {
        java.util.TreeMap<Double, Long> buckets = new java.util.TreeMap<>();
        Matcher m = BUCKET.matcher(exposition);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.merge(le, (long) Double.parseDouble(m.group(2)), Long::sum);
        }
        return buckets;
    }

    /**
     * The {@code q} quantile of the checks timed between two scrapes, as the upper bound of the bucket it falls in
     * (so never understated), in milliseconds; NaN when nothing was timed.
     */
    static double quantileMs(java.util.TreeMap<Double, Long> before, java.util.TreeMap<Double, Long> after, double q) {
        long total = after.lastEntry() == null ? 0
                : after.lastEntry().getValue() - before.getOrDefault(after.lastKey(), 0L);
        if (total <= 0) {
            return Double.NaN;
        }
        for (var bucket : after.entrySet()) {
            long cumulative = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0L);
            if (cumulative >= Math.ceil(q * total)) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

}
