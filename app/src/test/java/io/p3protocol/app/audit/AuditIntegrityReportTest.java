package io.p3protocol.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/reports/audit-integrity}: the checkpoints and their anchors replayed up to an instant, and the
 * breaks of the trail up to the end of that range, tenant-scoped. Tampering happens directly in PostgreSQL past the
 * triggers, on a tenant of the test's own, and is undone in {@code finally}.
 */
@IntegrationTest
class AuditIntegrityReportTest {
    private static final String REPORT = "/api/reports/audit-integrity";

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;
    AuditApi audit;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        audit = new AuditApi(api);
    }

    private JsonNode report(String query, String key) {
        TestApi.Response response = api.get(REPORT + query, key);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode cutCheckpoint() {
        TestApi.Response cut = api.post("/api/audit/checkpoints", TestApi.ADMIN_KEY, Map.of());
        assertThat(cut.status()).as(cut.toString()).isIn(200, 201);
        return cut.json();
    }

    private static List<JsonNode> rows(JsonNode report) {
        return StreamSupport.stream(report.get("data").get("rows").spliterator(), false).toList();
    }

    private static List<JsonNode> breaksAt(JsonNode report, long seq) {
        return StreamSupport.stream(report.get("data").get("breaks").spliterator(), false)
                .filter(b -> b.get("seq").asLong() == seq).toList();
    }

    @Test
    void itListsTheCheckpointsCutUpToTheInstantWithTheirAnchorsAndRoots() {
        audit.tenantWithFourEvents("integrity-report-checkpoints");
        JsonNode checkpoint = cutCheckpoint();
        Instant before = Instant.parse(api.get("/api/audit/checkpoints/" + checkpoint.get("id").asLong(),
                TestApi.ADMIN_KEY).json().get("createdAt").asText()).minusMillis(1);

        JsonNode now = report("", TestApi.ADMIN_KEY);
        JsonNode earlier = report("?asOf=" + before, TestApi.ADMIN_KEY);

        assertThat(rows(now)).anySatisfy(row -> {
            assertThat(row.get("id").asLong()).isEqualTo(checkpoint.get("id").asLong());
            assertThat(row.get("root").asText()).isEqualTo(checkpoint.get("root").asText());
            assertThat(row.get("treeSize").asLong()).isEqualTo(checkpoint.get("treeSize").asLong());
            assertThat(row.get("anchorStatus").asText()).isEqualTo("not configured"); // anchoring is off here
            assertThat(row.get("txHash").isNull()).isTrue();
        });
        assertThat(rows(earlier)).noneSatisfy(row ->
                assertThat(row.get("id").asLong()).isEqualTo(checkpoint.get("id").asLong()));
        assertThat(now.get("data").get("checkpoints").asInt()).isEqualTo(rows(now).size());
    }

    @Test
    void aBreakIsListedWhenItLiesInTheRangeUpToTheInstantAndNotBefore() throws SQLException {
        Instant beforeTenant = Instant.now();
        AuditApi.sleep(5);
        String tenant = audit.tenantWithFourEvents("integrity-report-break");
        long seq = AuditApi.only(audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY), "TenantRenamedEvent")
                .get("seq").asLong();
        byte[] original = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?",
                byte[].class, seq);
        byte[] edited = new String(original, StandardCharsets.UTF_8).replace("integrity-report-break-renamed",
                "integrity-report-BREAK-renamed").getBytes(StandardCharsets.UTF_8);
        Tampering tampering = new Tampering(dataSource);
        try {
            tampering.bypassingTriggers("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", edited, seq);

            JsonNode now = report("", TestApi.ADMIN_KEY);
            JsonNode earlier = report("?asOf=" + beforeTenant, TestApi.ADMIN_KEY);

            assertThat(now.get("data").get("valid").asBoolean()).isFalse();
            assertThat(breaksAt(now, seq)).singleElement()
                    .satisfies(b -> assertThat(b.get("kind").asText()).isEqualTo("payload_changed"));
            assertThat(earlier.get("range").get("lastSeq").asLong()).isLessThan(seq);
            assertThat(breaksAt(earlier, seq)).isEmpty();
        } finally {
            tampering.bypassingTriggers("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, seq);
        }
        assertThat(breaksAt(report("", TestApi.ADMIN_KEY), seq)).isEmpty();
    }

    @Test
    void aTenantRunShowsTheCheckpointsButOnlyItsOwnBreaksAndNoGlobalGaps() throws SQLException {
        String tampered = audit.tenantWithFourEvents("integrity-report-tampered");
        String bystander = audit.tenantWithFourEvents("integrity-report-bystander");
        String bystanderKey = api.issueKey(bystander, "admin").get("apiKey").asText();
        JsonNode checkpoint = cutCheckpoint();
        long seq = AuditApi.only(audit.records("?tenantId=" + tampered, TestApi.ADMIN_KEY), "TenantRenamedEvent")
                .get("seq").asLong();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domainevententry WHERE globalindex = ?", seq);
        Tampering tampering = new Tampering(dataSource);
        try {
            tampering.bypassingTriggers("DELETE FROM domainevententry WHERE globalindex = ?", seq);

            JsonNode own = report("", bystanderKey);
            JsonNode platform = report("", TestApi.ADMIN_KEY);

            assertThat(own.get("tenantId").asText()).isEqualTo(bystander);
            assertThat(rows(own)).anySatisfy(r -> assertThat(r.get("root").asText())
                    .isEqualTo(checkpoint.get("root").asText()));
            assertThat(breaksAt(own, seq)).isEmpty();
            assertThat(own.get("data").get("breaks").toString()).doesNotContain((String) row.get("eventidentifier"));
            assertThat(own.get("data").get("gaps").isNull()).isTrue();
            assertThat(breaksAt(platform, seq)).singleElement()
                    .satisfies(b -> assertThat(b.get("kind").asText()).isEqualTo("event_missing"));
        } finally {
            jdbc.update("""
                    INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type,
                        eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", row.get("globalindex"), row.get("aggregateidentifier"),
                    row.get("sequencenumber"), row.get("type"), row.get("eventidentifier"), row.get("metadata"),
                    row.get("payload"), row.get("payloadrevision"), row.get("payloadtype"), row.get("timestamp"));
        }
    }
}
