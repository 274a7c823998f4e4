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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tampering the way an attacker with database superuser rights would: past the append-only trigger. Each test
 * corrupts only an event of its own tenant, exports that tenant alone, and restores the row afterwards.
 */
@IntegrationTest
class AuditTamperTest {
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

    private void bypassingTriggers(String sql, Object... args) throws SQLException {
        new Tampering(dataSource).bypassingTriggers(sql, args);
    }

    private JsonNode verifyTenant(String tenant) {
        return audit.verify(audit.export("?tenantId=" + tenant, TestApi.ADMIN_KEY).body(), "", TestApi.ADMIN_KEY)
                .json();
    }

    @Test
    void theStoreRefusesAnOrdinaryUpdate() {
        String tenant = api.createTenant("tamper-guard");
        assertThatThrownBy(() -> jdbc.update("UPDATE domainevententry SET payload = payload WHERE aggregateidentifier = ?",
                tenant)).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void oneEditedPayloadByteBreaksTheChainAtThatEvent() throws SQLException {
        String tenant = audit.tenantWithFourEvents("tamper-payload");
        long seq = AuditApi.only(audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY), "TenantRenamedEvent")
                .get("seq").asLong();
        byte[] original = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?",
                byte[].class, seq);
        byte[] edited = original.clone();
        int at = new String(original, StandardCharsets.ISO_8859_1).indexOf("tamper-payload-2") + "tamper-".length();
        edited[at] = (byte) 'P'; // "tamper-payload-2" becomes "tamper-Payload-2": one byte
        try {
            bypassingTriggers("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", edited, seq);

            JsonNode result = verifyTenant(tenant);

            assertThat(result.get("valid").asBoolean()).isFalse();
            assertThat(result.get("firstBreakSeq").asLong()).isEqualTo(seq);
            assertThat(result.get("reason").asText()).contains("hash mismatch");
        } finally {
            bypassingTriggers("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, seq);
        }
        assertThat(verifyTenant(tenant).get("valid").asBoolean()).isTrue();
    }

    @Test
    void aDeletedEventStillAppearsAndBreaksTheChainAtItsSeq() throws SQLException {
        String tenant = audit.tenantWithFourEvents("tamper-delete");
        long seq = AuditApi.only(audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY), "TenantRenamedEvent")
                .get("seq").asLong();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domainevententry WHERE globalindex = ?", seq);
        try {
            bypassingTriggers("DELETE FROM domainevententry WHERE globalindex = ?", seq);

            List<JsonNode> records = audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY);
            assertThat(records).hasSize(4);
            JsonNode gone = records.stream().filter(r -> r.get("seq").asLong() == seq).findFirst().orElseThrow();
            assertThat(gone.get("payload").isNull()).isTrue();

            JsonNode result = verifyTenant(tenant);
            assertThat(result.get("valid").asBoolean()).isFalse();
            assertThat(result.get("firstBreakSeq").asLong()).isEqualTo(seq);
        } finally {
            jdbc.update("""
                    INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type,
                        eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", row.get("globalindex"), row.get("aggregateidentifier"),
                    row.get("sequencenumber"), row.get("type"), row.get("eventidentifier"), row.get("metadata"),
                    row.get("payload"), row.get("payloadrevision"), row.get("payloadtype"), row.get("timestamp"));
        }
        assertThat(verifyTenant(tenant).get("valid").asBoolean()).isTrue();
    }
}
