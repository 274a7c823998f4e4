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

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/audit/integrity against tampering done directly in PostgreSQL, past the append-only triggers, as an
 * attacker with superuser rights would. The store is shared with every other integration test: each test tampers
 * only with events of a tenant of its own and restores the rows in {@code finally}, so the trail is whole again
 * for the next test (checked at the end of each).
 */
@IntegrationTest
class AuditIntegrityTest {
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

    /** The breaks of the report that name this seq. */
    private static List<JsonNode> breaksAt(JsonNode report, long seq) {
        return StreamSupport.stream(report.get("breaks").spliterator(), false)
                .filter(b -> b.get("seq").asLong() == seq).toList();
    }

    private static List<JsonNode> breaksOfKind(JsonNode report, String kind) {
        return StreamSupport.stream(report.get("breaks").spliterator(), false)
                .filter(b -> kind.equals(b.get("kind").asText())).toList();
    }

    private void bypassingTriggers(String sql, Object... args) throws SQLException {
        new Tampering(dataSource).bypassingTriggers(sql, args);
    }

    private void restoreEventRow(Map<String, Object> row) {
        jdbc.update("""
                INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type,
                    eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", row.get("globalindex"), row.get("aggregateidentifier"),
                row.get("sequencenumber"), row.get("type"), row.get("eventidentifier"), row.get("metadata"),
                row.get("payload"), row.get("payloadrevision"), row.get("payloadtype"), row.get("timestamp"));
    }

    private void restoreSeal(Map<String, Object> seal) {
        jdbc.update("INSERT INTO audit_chain (seq, chain_position, event_id, tenant_id, prev_hash, hash, sealed_at,"
                        + " prev_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", seal.get("seq"), seal.get("chain_position"),
                seal.get("event_id"), seal.get("tenant_id"), seal.get("prev_hash"), seal.get("hash"),
                seal.get("sealed_at"), seal.get("prev_seq"));
    }

    /**
     * Writes an event row of {@code tenant} at global position 0. The tracking processor reads only above its token
     * (and the gaps it tracks), so a row written at a position it has passed is never delivered and never sealed;
     * position 0 is such a place that is free in any store.
     */
    private void insertRowAtPositionZero(String tenant, String eventId, String timestamp) {
        jdbc.update("""
                INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type,
                    eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)
                VALUES (0, ?, 99, 'Tenant', ?, ?, ?, NULL, 'io.p3protocol.kernel.tenancy.TenantRenamedEvent', ?)""",
                tenant, eventId, ("{\"tenantId\":\"" + tenant + "\",\"actor\":\"platform-admin\"}").getBytes(),
                ("{\"tenantId\":\"" + tenant + "\",\"name\":\"forged\"}").getBytes(), timestamp);
    }

    private long seqOf(String tenant, String type) {
        return AuditApi.only(audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY), type).get("seq").asLong();
    }

    private void assertWholeAgain(long seq) {
        assertThat(breaksAt(audit.integrity(TestApi.ADMIN_KEY), seq)).isEmpty();
    }

    @Test
    void anUntamperedStoreIsValid() {
        audit.tenantWithFourEvents("integrity-clean");

        JsonNode report = audit.integrity(TestApi.ADMIN_KEY);

        assertThat(report.get("valid").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("breaks")).isEmpty();
        assertThat(report.get("gracePeriod").asText()).isEqualTo("PT10M");
        assertThat(report.get("gapTimeout").asText()).isEqualTo("PT3S"); // application-test.yml
    }

    @Test
    void anEditedPayloadIsNamedPayloadChanged() throws SQLException {
        String tenant = audit.tenantWithFourEvents("integrity-payload");
        long seq = seqOf(tenant, "TenantRenamedEvent");
        byte[] original = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?",
                byte[].class, seq);
        byte[] edited = new String(original, StandardCharsets.UTF_8).replace("integrity-payload-renamed",
                "integrity-Payload-renamed").getBytes(StandardCharsets.UTF_8);
        String eventId = jdbc.queryForObject("SELECT eventidentifier FROM domainevententry WHERE globalindex = ?",
                String.class, seq);
        try {
            bypassingTriggers("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", edited, seq);

            JsonNode report = audit.integrity(TestApi.ADMIN_KEY);

            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(breaksAt(report, seq)).singleElement().satisfies(b -> {
                assertThat(b.get("kind").asText()).isEqualTo("payload_changed");
                assertThat(b.get("eventId").asText()).isEqualTo(eventId);
            });
        } finally {
            bypassingTriggers("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, seq);
        }
        assertWholeAgain(seq);
    }

    @Test
    void aDeletedMiddleEventIsNamedEventMissing() throws SQLException {
        String tenant = audit.tenantWithFourEvents("integrity-middle");
        long seq = seqOf(tenant, "TenantRenamedEvent");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domainevententry WHERE globalindex = ?", seq);
        try {
            bypassingTriggers("DELETE FROM domainevententry WHERE globalindex = ?", seq);

            JsonNode report = audit.integrity(TestApi.ADMIN_KEY);

            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(breaksAt(report, seq)).singleElement().satisfies(b -> {
                assertThat(b.get("kind").asText()).isEqualTo("event_missing");
                assertThat(b.get("eventId").asText()).isEqualTo(row.get("eventidentifier"));
            });
        } finally {
            restoreEventRow(row);
        }
        assertWholeAgain(seq);
    }

    @Test
    void aDeletedTailEventIsNamedEventMissingAndRemovingItsSealTooBreaksTheCheckpoint() throws SQLException {
        String tenant = audit.tenantWithFourEvents("integrity-tail");
        List<JsonNode> records = audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY);
        JsonNode tail = records.get(records.size() - 1);
        long seq = tail.get("seq").asLong();
        TestApi.Response cut = api.post("/api/audit/checkpoints", TestApi.ADMIN_KEY, Map.of());
        assertThat(cut.status()).as(cut.toString()).isIn(200, 201);
        assertThat(cut.json().get("lastSeq").asLong()).isGreaterThanOrEqualTo(seq);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domainevententry WHERE globalindex = ?", seq);
        Map<String, Object> seal = jdbc.queryForMap("SELECT * FROM audit_chain WHERE seq = ?", seq);
        try {
            bypassingTriggers("DELETE FROM domainevententry WHERE globalindex = ?", seq);

            JsonNode rowGone = audit.integrity(TestApi.ADMIN_KEY);

            assertThat(rowGone.get("valid").asBoolean()).isFalse();
            assertThat(breaksAt(rowGone, seq)).singleElement()
                    .satisfies(b -> assertThat(b.get("kind").asText()).isEqualTo("event_missing"));

            // covering the tracks: the seal goes too; no link names it (it was the tenant's last), the root does
            bypassingTriggers("DELETE FROM audit_chain WHERE seq = ?", seq);

            JsonNode sealGone = audit.integrity(TestApi.ADMIN_KEY);

            assertThat(sealGone.get("valid").asBoolean()).isFalse();
            // the sealer passed this number long ago: with neither row nor seal nor a gap record it is a missing event
            assertThat(breaksAt(sealGone, seq)).anySatisfy(b -> {
                assertThat(b.get("kind").asText()).isEqualTo("event_missing");
                assertThat(b.get("eventId").isNull()).isTrue();
            }).allSatisfy(b -> assertThat(b.get("kind").asText()).isIn("event_missing", "checkpoint_mismatch"));
            assertThat(breaksOfKind(sealGone, "checkpoint_mismatch")).singleElement().satisfies(b -> {
                assertThat(b.get("checkpoint").asLong()).isEqualTo(sealGone.get("lastCheckpoint").get("id").asLong());
                assertThat(b.get("seq").asLong()).isEqualTo(sealGone.get("lastCheckpoint").get("lastSeq").asLong());
            });
            assertThat(sealGone.get("lastCheckpoint").get("matches").asBoolean()).isFalse();
        } finally {
            if (jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE seq = ?", Long.class, seq) == 0) {
                restoreSeal(seal);
            }
            restoreEventRow(row);
        }
        JsonNode restored = audit.integrity(TestApi.ADMIN_KEY);
        assertThat(breaksAt(restored, seq)).isEmpty();
        assertThat(restored.get("lastCheckpoint").get("matches").asBoolean()).isTrue();
    }

    @Test
    void aMiddleEventDeletedWithItsSealIsNamedLinkBrokenAtTheTenantsNextSeal() throws SQLException {
        String tenant = audit.tenantWithFourEvents("integrity-unlinked");
        List<JsonNode> records = audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY);
        long seq = records.get(1).get("seq").asLong();
        long next = records.get(2).get("seq").asLong();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domainevententry WHERE globalindex = ?", seq);
        Map<String, Object> seal = jdbc.queryForMap("SELECT * FROM audit_chain WHERE seq = ?", seq);
        try {
            bypassingTriggers("DELETE FROM domainevententry WHERE globalindex = ?", seq);
            bypassingTriggers("DELETE FROM audit_chain WHERE seq = ?", seq);

            JsonNode report = audit.integrity(TestApi.ADMIN_KEY);

            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(breaksAt(report, next)).anySatisfy(b -> {
                assertThat(b.get("kind").asText()).isEqualTo("link_broken");
                assertThat(b.get("eventId").asText()).isEqualTo(records.get(2).get("eventId").asText());
            });
        } finally {
            if (jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE seq = ?", Long.class, seq) == 0) {
                restoreSeal(seal);
            }
            restoreEventRow(row);
        }
        assertWholeAgain(next);
    }

    @Test
    void anUnsealedRowWithinTheGracePeriodIsPendingNotABreak() throws SQLException {
        String tenant = api.createTenant("integrity-pending");
        insertRowAtPositionZero(tenant, UUID.randomUUID().toString(), DateTimeUtils.formatInstant(Instant.now()));
        try {
            JsonNode report = audit.integrity(TestApi.ADMIN_KEY);

            assertThat(breaksAt(report, 0)).isEmpty();
            assertThat(report.get("unsealedPending").asLong()).isGreaterThanOrEqualTo(1);
        } finally {
            bypassingTriggers("DELETE FROM domainevententry WHERE globalindex = 0");
        }
    }

    @Test
    void aBackdatedEventRowThatWasNeverSealedIsNamedForgedEvent() throws SQLException {
        String tenant = audit.tenantWithFourEvents("integrity-forged");
        String forgedId = UUID.randomUUID().toString();
        String dayAgo = DateTimeUtils.formatInstant(Instant.now().minus(Duration.ofDays(1)));
        insertRowAtPositionZero(tenant, forgedId, dayAgo);
        try {
            JsonNode report = audit.integrity(TestApi.ADMIN_KEY);

            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(breaksAt(report, 0)).singleElement().satisfies(b -> {
                assertThat(b.get("kind").asText()).isEqualTo("forged_event");
                assertThat(b.get("eventId").asText()).isEqualTo(forgedId);
            });
        } finally {
            bypassingTriggers("DELETE FROM domainevententry WHERE globalindex = 0");
        }
        assertWholeAgain(0);
    }

    @Test
    void anEventRowSwappedUnderASealIsNamedForgedEvent() throws SQLException {
        String tenant = audit.tenantWithFourEvents("integrity-swapped");
        long seq = seqOf(tenant, "TenantRenamedEvent");
        String original = jdbc.queryForObject("SELECT eventidentifier FROM domainevententry WHERE globalindex = ?",
                String.class, seq);
        String forgedId = UUID.randomUUID().toString();
        try {
            bypassingTriggers("UPDATE domainevententry SET eventidentifier = ? WHERE globalindex = ?", forgedId, seq);

            JsonNode report = audit.integrity(TestApi.ADMIN_KEY);

            assertThat(breaksAt(report, seq)).singleElement().satisfies(b -> {
                assertThat(b.get("kind").asText()).isEqualTo("forged_event");
                assertThat(b.get("eventId").asText()).isEqualTo(forgedId);
            });
        } finally {
            bypassingTriggers("UPDATE domainevententry SET eventidentifier = ? WHERE globalindex = ?", original, seq);
        }
        assertWholeAgain(seq);
    }

    @Test
    void aTenantKeySeesItsOwnChainOnly() throws SQLException {
        String tampered = audit.tenantWithFourEvents("integrity-own");
        String bystander = audit.tenantWithFourEvents("integrity-bystander");
        String tamperedKey = api.issueKey(tampered, "admin").get("apiKey").asText();
        String bystanderKey = api.issueKey(bystander, "admin").get("apiKey").asText();
        long seq = seqOf(tampered, "TenantRenamedEvent");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domainevententry WHERE globalindex = ?", seq);
        try {
            bypassingTriggers("DELETE FROM domainevententry WHERE globalindex = ?", seq);

            JsonNode own = audit.integrity(tamperedKey);
            JsonNode other = audit.integrity(bystanderKey);

            assertThat(breaksAt(own, seq)).singleElement()
                    .satisfies(b -> assertThat(b.get("kind").asText()).isEqualTo("event_missing"));
            assertThat(breaksAt(other, seq)).isEmpty();
            assertThat(other.get("gaps").isNull()).isTrue();
            assertThat(other.get("scope").asText()).isEqualTo("tenant " + bystander);
        } finally {
            restoreEventRow(row);
        }
        assertThat(audit.integrity(tamperedKey).get("valid").asBoolean()).isTrue();
    }

    @Test
    void viewersMayNotCheckIntegrity() {
        String tenant = api.createTenant("integrity-viewer");
        String viewer = api.issueKey(tenant, "viewer").get("apiKey").asText();
        assertThat(api.get("/api/audit/integrity", viewer).status()).isEqualTo(403);
    }
}
