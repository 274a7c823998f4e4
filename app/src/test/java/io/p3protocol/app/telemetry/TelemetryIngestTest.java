package io.p3protocol.app.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.kernel.crypto.HmacSha256;
import io.p3protocol.kernel.telemetry.TelemetryRecordedEvent;
import io.p3protocol.kernel.vault.SecretValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/telemetry} against the whole service and a real PostgreSQL. */
@IntegrationTest
class TelemetryIngestTest {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SecretValues secrets;
    TestApi api;
    TelemetryApi telemetry;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        telemetry = new TelemetryApi(api);
    }

    private JsonNode storedPayload(String eventId) throws Exception {
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE eventidentifier = ?"
                + " AND payloadtype = ?", byte[].class, eventId, TelemetryRecordedEvent.class.getName());
        return JSON.readTree(payload);
    }

    private String hmacUnderCurrentSalt(String tenant, String text) {
        return new HmacSha256(secrets.currentOrGenerate(tenant, "IP_SALT").value()).hex(text);
    }

    @Test
    void storesOneEventAsOneEventWithHashesOnly() throws Exception {
        String[] t = telemetry.tenantWithKey("telemetry-single");
        JsonNode answer = telemetry.ingest(t[1], """
                {"eventType":"page_view","sessionId":"sess-single","wallet":"0xAbCdEf0123456789aBcDeF0123456789ABCDEF01",
                 "geoRegion":"DE","device":"desktop"}""", "203.0.113.10", "SingleAgent/1.0");

        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        String id = answer.get("events").get(0).get("id").asText();
        assertThat(answer.get("events").get(0).get("sessionId").asText()).isEqualTo("sess-single");
        JsonNode stored = storedPayload(id);
        assertThat(stored.get("tenantId").asText()).isEqualTo(t[0]);
        assertThat(stored.get("eventType").asText()).isEqualTo("page_view");
        assertThat(stored.get("hashedIp").asText()).isEqualTo(hmacUnderCurrentSalt(t[0], "203.0.113.10"))
                .isEqualTo(answer.get("hashedIp").asText());
        assertThat(stored.get("uaHash").asText()).isEqualTo(hmacUnderCurrentSalt(t[0], "SingleAgent/1.0"));
        assertThat(stored.get("hashEpoch").asInt())
                .isEqualTo(secrets.currentOrGenerate(t[0], "IP_SALT").version())
                .isEqualTo(answer.get("hashEpoch").asInt());
        assertThat(stored.get("wallet").asText()).isEqualTo("0xabcdef0123456789abcdef0123456789abcdef01");
        assertThat(stored.get("sessionAssigned").asBoolean()).isFalse();
    }

    @Test
    void storesABatchInOrderInOneCommand() throws Exception {
        String[] t = telemetry.tenantWithKey("telemetry-batch");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            events.add("{\"eventType\":\"click\",\"sessionId\":\"batch-" + i + "\"}");
        }
        JsonNode answer = telemetry.ingest(t[1], "{\"events\":[" + String.join(",", events) + "]}", null, "B/1");

        assertThat(answer.get("accepted").asInt()).isEqualTo(250);
        List<String> ids = new ArrayList<>();
        answer.get("events").forEach(e -> ids.add(e.get("id").asText()));
        List<Long> positions = jdbc.queryForList("SELECT globalindex FROM domainevententry"
                + " WHERE eventidentifier = ANY (?) ORDER BY globalindex", Long.class, (Object) ids.toArray(String[]::new));
        assertThat(positions).hasSize(250);
        List<String> sessionsInStoreOrder = new ArrayList<>();
        for (String id : jdbc.queryForList("SELECT eventidentifier FROM domainevententry WHERE eventidentifier = ANY (?)"
                + " ORDER BY globalindex", String.class, (Object) ids.toArray(String[]::new))) {
            sessionsInStoreOrder.add(storedPayload(id).get("sessionId").asText());
        }
        assertThat(sessionsInStoreOrder.get(0)).isEqualTo("batch-0");
        assertThat(sessionsInStoreOrder.get(249)).isEqualTo("batch-249");
        // one command: every event of the batch carries the same causation (the command's id)
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT convert_from(metadata, 'UTF8')::jsonb ->> 'causationId')"
                + " FROM domainevententry WHERE eventidentifier = ANY (?)", Integer.class,
                (Object) ids.toArray(String[]::new))).isEqualTo(1);
    }

    @Test
    void refusesBadEventsWithEveryProblemNamedByIndex() {
        String[] t = telemetry.tenantWithKey("telemetry-invalid");
        TestApi.Response response = telemetry.post(t[1], """
                {"events":[{"eventType":"click"},{"eventType":"hover"},{"sessionId":"x","device":"car"}]}""",
                null, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asText()).isEqualTo("VALIDATION_ERROR");
        List<String> fields = new ArrayList<>();
        problem.get("details").forEach(d -> {
            fields.add(d.get("field").asText());
            assertThat(d.get("message").asText()).isNotBlank();
        });
        assertThat(fields).containsExactlyInAnyOrder("events[1].eventType", "events[2].eventType", "events[2].device");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = ?"
                + " AND convert_from(metadata, 'UTF8')::jsonb ->> 'tenantId' = ?", Long.class,
                TelemetryRecordedEvent.class.getName(), t[0])).isZero(); // not even the valid first event
    }

    @Test
    void refusesMoreThan1000EventsAndBodiesThatAreNotJson() {
        String[] t = telemetry.tenantWithKey("telemetry-limits");
        String body = "{\"events\":[" + String.join(",", Collections.nCopies(1001, "{\"eventType\":\"click\"}")) + "]}";
        TestApi.Response tooMany = telemetry.post(t[1], body, null, null);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(tooMany.json().get("details").get(0).get("field").asText()).isEqualTo("events");

        TestApi.Response notJson = telemetry.post(t[1], "{\"eventType\":", null, null);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(notJson.json().get("details").get(0).get("field").asText()).isEqualTo("body");
    }

    @Test
    void usesTheFirstHopOfXForwardedFor() {
        String[] t = telemetry.tenantWithKey("telemetry-xff");
        String event = "{\"eventType\":\"api_call\"}";
        String viaTwoProxies = telemetry.ingest(t[1], event, "198.51.100.23, 10.1.1.1, 10.2.2.2", "A")
                .get("hashedIp").asText();
        String viaOtherProxy = telemetry.ingest(t[1], event, "198.51.100.23,172.16.0.9", "A").get("hashedIp").asText();
        String fromSocket = telemetry.ingest(t[1], event, null, "A").get("hashedIp").asText();

        assertThat(viaTwoProxies).isEqualTo(hmacUnderCurrentSalt(t[0], "198.51.100.23")).isEqualTo(viaOtherProxy);
        assertThat(fromSocket).isEqualTo(hmacUnderCurrentSalt(t[0], "127.0.0.1"));
    }

    @Test
    void aMissingSessionIdBecomesARandomUuidPerEvent() throws Exception {
        String[] t = telemetry.tenantWithKey("telemetry-session");
        JsonNode answer = telemetry.ingest(t[1], "{\"events\":[{\"eventType\":\"click\"},{\"eventType\":\"click\"}]}",
                "192.0.2.77", "S/1");
        String first = answer.get("events").get(0).get("sessionId").asText();
        String second = answer.get("events").get(1).get("sessionId").asText();

        assertThat(UUID.fromString(first).version()).isEqualTo(4);
        assertThat(UUID.fromString(second).version()).isEqualTo(4);
        assertThat(first).isNotEqualTo(second).doesNotContain("192.0.2.77");
        JsonNode stored = storedPayload(answer.get("events").get(0).get("id").asText());
        assertThat(stored.get("sessionId").asText()).isEqualTo(first);
        assertThat(stored.get("sessionAssigned").asBoolean()).isTrue();
    }

    @Test
    void onlyATenantsOperatorKeyMaySendTelemetry() {
        String tenant = api.createTenant("telemetry-roles");
        String viewer = api.issueKey(tenant, "viewer").get("apiKey").asText();
        String event = "{\"eventType\":\"click\"}";

        TestApi.Response asViewer = telemetry.post(viewer, event, null, null);
        assertThat(asViewer.status()).isEqualTo(403);
        assertThat(asViewer.json().get("code").asText()).isEqualTo("forbidden");
        TestApi.Response asAdmin = telemetry.post(TestApi.ADMIN_KEY, event, null, null);
        assertThat(asAdmin.status()).isEqualTo(403);
        assertThat(asAdmin.json().get("code").asText()).isEqualTo("tenant_key_required");
    }
}
