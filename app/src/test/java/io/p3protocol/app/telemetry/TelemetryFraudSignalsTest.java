package io.p3protocol.app.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fraud read models through GraphQL: sybil, hijack and rate signals, the score, paging and tenant isolation. */
@IntegrationTest
class TelemetryFraudSignalsTest {
    private static final String IP_FIELDS = """
            hashedIp hashEpoch events peakRequestsPerMinute distinctWallets hijackedSessions
            sybilSignal rateSignal hijackSignal fraudScore requestsPerMinute { minute events }""";
    private static final String IP_QUERY = "query($ip: String!) { telemetryIp(hashedIp: $ip) { " + IP_FIELDS + " } }";
    private static final String SESSION_QUERY = """
            query($s: String!) { telemetrySession(sessionId: $s) {
              sessionId events uaChanges hashedIps hijackSignal ipSwitchSignal fraudScore } }""";

    @LocalServerPort
    int port;
    TestApi api;
    TelemetryApi telemetry;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        telemetry = new TelemetryApi(api);
    }

    private JsonNode awaitIp(String key, String hashedIp, int events) {
        return telemetry.awaitGraphQl(key, IP_QUERY, Map.of("ip", hashedIp),
                r -> r.at("/data/telemetryIp/events").asLong() == events).at("/data/telemetryIp");
    }

    private static String event(String type, String session, String wallet) {
        return "{\"eventType\":\"" + type + "\",\"sessionId\":\"" + session + "\""
                + (wallet == null ? "" : ",\"wallet\":\"" + wallet + "\"") + "}";
    }

    private static String batch(List<String> events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    @Test
    void manyWalletsFromOneIpIsASybilSignal() {
        String[] t = telemetry.tenantWithKey("fraud-sybil");
        List<String> events = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            events.add(event("form_submit", "sybil-" + i, "wallet-" + Math.min(i, 5)));
        }
        String sybilIp = telemetry.ingest(t[1], batch(events), "203.0.113.50", "A/1").get("hashedIp").asText();
        String twoWallets = telemetry.ingest(t[1], batch(List.of(event("click", "two-1", "w-a"),
                event("click", "two-2", "w-b"), event("click", "two-3", null))), "203.0.113.51", "A/1")
                .get("hashedIp").asText();

        JsonNode sybil = awaitIp(t[1], sybilIp, 6);
        assertThat(sybil.get("distinctWallets").asLong()).isEqualTo(5);
        assertThat(sybil.get("sybilSignal").asDouble()).isEqualTo(1.0);
        assertThat(sybil.get("fraudScore").asDouble()).isEqualTo(1.0);
        JsonNode two = awaitIp(t[1], twoWallets, 3);
        assertThat(two.get("distinctWallets").asLong()).isEqualTo(2);
        assertThat(two.get("sybilSignal").asDouble()).isEqualTo(0.25);
        assertThat(two.get("rateSignal").asDouble()).isZero();
        assertThat(two.get("fraudScore").asDouble()).isEqualTo(0.25);
    }

    @Test
    void aUserAgentChangeWithinASessionIsAHijackSignal() {
        String[] t = telemetry.tenantWithKey("fraud-hijack");
        String ip = telemetry.ingest(t[1], event("page_view", "hijacked", null), "192.0.2.60", "Victim/1.0")
                .get("hashedIp").asText();
        telemetry.ingest(t[1], event("click", "hijacked", null), "192.0.2.60", "Victim/1.0");
        telemetry.ingest(t[1], event("click", "hijacked", null), "192.0.2.61", "Attacker/6.6");
        telemetry.ingest(t[1], event("page_view", "steady", null), "192.0.2.60", "Victim/1.0");
        telemetry.ingest(t[1], event("click", "steady", null), "192.0.2.60", "Victim/1.0");

        JsonNode hijacked = telemetry.awaitGraphQl(t[1], SESSION_QUERY, Map.of("s", "hijacked"),
                r -> r.at("/data/telemetrySession/events").asLong() == 3).at("/data/telemetrySession");
        assertThat(hijacked.get("uaChanges").asInt()).isEqualTo(1);
        assertThat(hijacked.get("hashedIps")).hasSize(2);
        assertThat(hijacked.get("hijackSignal").asDouble()).isEqualTo(0.5);
        assertThat(hijacked.get("ipSwitchSignal").asDouble()).isEqualTo(0.3333);
        assertThat(hijacked.get("fraudScore").asDouble()).isEqualTo(0.67); // 1 - 0.5 * 0.6667
        JsonNode steady = telemetry.awaitGraphQl(t[1], SESSION_QUERY, Map.of("s", "steady"),
                r -> r.at("/data/telemetrySession/events").asLong() == 2).at("/data/telemetrySession");
        assertThat(steady.get("uaChanges").asInt()).isZero();
        assertThat(steady.get("fraudScore").asDouble()).isZero();

        JsonNode victimIp = awaitIp(t[1], ip, 4);
        assertThat(victimIp.get("hijackedSessions").asLong()).isEqualTo(1);
        assertThat(victimIp.get("hijackSignal").asDouble()).isEqualTo(0.5);
        JsonNode onlyHijacked = telemetry.graphQl(t[1],
                "{ telemetrySessions(hijackedOnly: true) { edges { node { sessionId } } } }", Map.of());
        assertThat(onlyHijacked.at("/data/telemetrySessions/edges")).hasSize(1);
        assertThat(onlyHijacked.at("/data/telemetrySessions/edges/0/node/sessionId").asText()).isEqualTo("hijacked");
    }

    @Test
    void requestsPerMinuteGiveTheRateSignalAndTheScoreCombinesTheSignals() {
        String[] t = telemetry.tenantWithKey("fraud-rate");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            events.add(event("api_call", "rate-" + (i % 7), i < 2 ? "rw-" + i : null));
        }
        String ip = telemetry.ingest(t[1], batch(events), "198.51.100.70", "Bot/1").get("hashedIp").asText();

        JsonNode signals = awaitIp(t[1], ip, 700);
        long peak = signals.get("peakRequestsPerMinute").asLong();
        long sum = 0;
        long max = 0;
        for (JsonNode minute : signals.get("requestsPerMinute")) {
            sum += minute.get("events").asLong();
            max = Math.max(max, minute.get("events").asLong());
        }
        assertThat(sum).isEqualTo(700);
        assertThat(peak).isEqualTo(max).isGreaterThanOrEqualTo(350); // one batch spans at most two minutes
        double rate = signals.get("rateSignal").asDouble();
        assertThat(rate).isEqualTo(clamp((peak - 60) / 540.0));
        double sybil = signals.get("sybilSignal").asDouble();
        assertThat(sybil).isEqualTo(0.25);
        assertThat(signals.get("fraudScore").asDouble()).isEqualTo(BigDecimal.valueOf(1 - (1 - sybil) * (1 - rate))
                .setScale(2, RoundingMode.HALF_UP).doubleValue());
    }

    @Test
    void ipsArePagedMostSuspiciousFirstAndFilteredByScore() {
        String[] t = telemetry.tenantWithKey("fraud-paging");
        String calm = telemetry.ingest(t[1], event("click", "p-calm", "only"), "192.0.2.1", "P/1")
                .get("hashedIp").asText();
        String suspicious = telemetry.ingest(t[1], batch(List.of(event("click", "p-1", "x1"),
                event("click", "p-2", "x2"), event("click", "p-3", "x3"))), "192.0.2.2", "P/1").get("hashedIp").asText();
        awaitIp(t[1], calm, 1);
        awaitIp(t[1], suspicious, 3);
        String page = "query($after: String) { telemetryIps(first: 1, after: $after) { edges { node { hashedIp fraudScore } }"
                + " pageInfo { hasNextPage endCursor } } }";

        JsonNode first = telemetry.graphQl(t[1], page, Collections.singletonMap("after", null)).at("/data/telemetryIps");
        assertThat(first.at("/edges/0/node/hashedIp").asText()).isEqualTo(suspicious);
        assertThat(first.at("/edges/0/node/fraudScore").asDouble()).isEqualTo(0.5);
        assertThat(first.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
        JsonNode second = telemetry.graphQl(t[1], page, Map.of("after", first.at("/pageInfo/endCursor").asText()))
                .at("/data/telemetryIps");
        assertThat(second.at("/edges/0/node/hashedIp").asText()).isEqualTo(calm);
        assertThat(second.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
        JsonNode filtered = telemetry.graphQl(t[1], "{ telemetryIps(minScore: 0.4) { edges { node { hashedIp } } } }",
                Map.of()).at("/data/telemetryIps/edges");
        assertThat(filtered).hasSize(1);
    }

    @Test
    void aTenantNeverSeesAnotherTenantsTelemetry() {
        String[] a = telemetry.tenantWithKey("fraud-isolation-a");
        String[] b = telemetry.tenantWithKey("fraud-isolation-b");
        String ipOfA = telemetry.ingest(a[1], event("click", "iso-a", "wa"), "192.0.2.90", "I/1").get("hashedIp").asText();
        telemetry.ingest(b[1], event("click", "iso-b", "wb"), "192.0.2.90", "I/1");
        awaitIp(a[1], ipOfA, 1);

        JsonNode named = telemetry.graphQl(b[1], "query($t: ID) { telemetryIps(tenantId: $t) { edges { cursor } } }",
                Map.of("t", a[0]));
        assertThat(named.at("/errors/0/extensions/code").asText()).isEqualTo("tenant_not_found");
        assertThat(telemetry.graphQl(b[1], IP_QUERY, Map.of("ip", ipOfA)).at("/data/telemetryIp").isNull()).isTrue();
        assertThat(telemetry.graphQl(b[1], SESSION_QUERY, Map.of("s", "iso-a")).at("/data/telemetrySession").isNull())
                .isTrue();
        JsonNode own = telemetry.awaitGraphQl(b[1], "{ telemetryIps { edges { node { hashedIp } } } }", Map.of(),
                r -> r.at("/data/telemetryIps/edges").size() == 1);
        assertThat(own.at("/data/telemetryIps/edges/0/node/hashedIp").asText())
                .as("the same address hashes differently per tenant").isNotEqualTo(ipOfA);

        JsonNode adminWithoutTenant = telemetry.graphQl(TestApi.ADMIN_KEY, "{ telemetryIps { edges { cursor } } }",
                Map.of());
        assertThat(adminWithoutTenant.at("/errors/0/extensions/code").asText()).isEqualTo("tenant_required");
        JsonNode adminNamingA = telemetry.graphQl(TestApi.ADMIN_KEY,
                "query($t: ID) { telemetryIps(tenantId: $t) { edges { node { hashedIp } } } }", Map.of("t", a[0]));
        assertThat(adminNamingA.at("/data/telemetryIps/edges/0/node/hashedIp").asText()).isEqualTo(ipOfA);
    }

    private static double clamp(double value) {
        return BigDecimal.valueOf(Math.max(0, Math.min(1, value))).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}
