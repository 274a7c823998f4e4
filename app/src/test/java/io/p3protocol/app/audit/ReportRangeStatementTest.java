package io.p3protocol.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every report states the event range it read (first and last global seq up to asOf) and names the Merkle checkpoint
 * at or before the range end with its root and anchor, in JSON, HTML and CSV, from the shared report framework. The
 * root is checked the way a reader would: recomputed (RFC 6962, written out below, not the application's code) from
 * the hashes of the exported audit records.
 */
@IntegrationTest
class ReportRangeStatementTest {
    private static final HexFormat HEX = HexFormat.of();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;
    AuditApi audit;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        audit = new AuditApi(api);
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 6962 MTH over leaf hashes. */
    private static byte[] root(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return sha256(new byte[]{1}, root(leaves.subList(0, k)), root(leaves.subList(k, leaves.size())));
    }

    @Test
    void aReportNamesItsEventRangeAndTheCheckpointRootThatAnExportReproduces() {
        String tenant = audit.tenantWithFourEvents("range-statement");
        String key = api.issueKey(tenant, "admin").get("apiKey").asText();
        TestApi.Response cut = api.post("/api/audit/checkpoints", TestApi.ADMIN_KEY, Map.of());
        assertThat(cut.status()).as(cut.toString()).isIn(200, 201);

        JsonNode report = api.get("/api/reports/tenant-access", key).json();

        JsonNode range = report.get("range");
        String asOf = DateTimeUtils.formatInstant(Instant.parse(report.get("asOf").asText()));
        Map<String, Object> stored = jdbc.queryForMap("SELECT min(globalindex) AS first, max(globalindex) AS last,"
                + " count(*) AS events FROM domainevententry WHERE timestamp <= ?", asOf);
        assertThat(range.get("firstSeq").asLong()).isEqualTo(((Number) stored.get("first")).longValue());
        assertThat(range.get("lastSeq").asLong()).isEqualTo(((Number) stored.get("last")).longValue());
        assertThat(range.get("events").asLong()).isEqualTo(((Number) stored.get("events")).longValue());
        JsonNode checkpoint = range.get("checkpoint");
        assertThat(checkpoint.get("lastSeq").asLong()).isLessThanOrEqualTo(range.get("lastSeq").asLong());
        assertThat(checkpoint.get("id").asLong()).isEqualTo(jdbc.queryForObject("SELECT max(number) FROM"
                + " audit_checkpoint WHERE last_seq <= ?", Long.class, range.get("lastSeq").asLong()));
        assertThat(checkpoint.get("anchoring").asText()).isEqualTo("not configured"); // and no invented tx hash
        assertThat(checkpoint.get("anchor").isNull()).isTrue();

        // a reader's check: the root over the first treeSize exported hashes is the stated root
        List<JsonNode> records = audit.records("", TestApi.ADMIN_KEY);
        int treeSize = checkpoint.get("treeSize").asInt();
        List<byte[]> leaves = records.subList(0, treeSize).stream()
                .map(r -> sha256(new byte[]{0}, HEX.parseHex(r.get("hash").asText()))).toList();
        assertThat(HEX.formatHex(root(leaves))).isEqualTo(checkpoint.get("root").asText());
    }

    @Test
    void theHtmlPageAndTheCsvHeadersStateTheSameRangeAndRoot() {
        String tenant = audit.tenantWithFourEvents("range-statement-formats");
        api.post("/api/audit/checkpoints", TestApi.ADMIN_KEY, Map.of());
        String asOf = Instant.now().minusMillis(1).toString();
        JsonNode json = api.get("/api/reports/tenant-access?tenantId=" + tenant + "&asOf=" + asOf,
                TestApi.ADMIN_KEY).json();
        String root = json.get("range").get("checkpoint").get("root").asText();
        String expectedRange = "global seq " + json.get("range").get("firstSeq").asLong() + ".."
                + json.get("range").get("lastSeq").asLong();

        TestApi.Response html = api.get("/api/reports/tenant-access?tenantId=" + tenant + "&asOf=" + asOf,
                TestApi.ADMIN_KEY, "text/html");
        TestApi.Response csv = api.get("/api/reports/tenant-access?tenantId=" + tenant + "&asOf=" + asOf,
                TestApi.ADMIN_KEY, "text/csv");

        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).contains(expectedRange).contains(root);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("X-Report-Event-Range")).startsWith(expectedRange);
        assertThat(csv.header("X-Report-Checkpoint")).contains(root);
        assertThat(csv.header("X-Report-Checkpoint-Anchor")).isEqualTo("not configured");
        assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("tenantId,name,status,keys");
        assertThat(csv.body()).contains(tenant);
    }
}
