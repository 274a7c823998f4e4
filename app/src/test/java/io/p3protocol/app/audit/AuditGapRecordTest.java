package io.p3protocol.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Global-sequence gaps (docs/audit.md, "Gaps"): a number a rolled-back transaction took is recorded as verified-empty
 * once the gap timeout (3 s in application-test.yml) has passed; a sealed event removed with its seal is never taken
 * for one. Real rolled-back transactions on the embedded PostgreSQL, tampering past the triggers as a superuser would.
 */
@IntegrationTest
class AuditGapRecordTest {
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

    private JsonNode integrity() {
        return audit.integrity(TestApi.ADMIN_KEY);
    }

    private static boolean inRanges(JsonNode ranges, long seq) {
        return StreamSupport.stream(ranges.spliterator(), false)
                .anyMatch(r -> r.get("from").asLong() <= seq && seq <= r.get("to").asLong());
    }

    private static List<JsonNode> breaksAt(JsonNode report, long seq) {
        return StreamSupport.stream(report.get("breaks").spliterator(), false)
                .filter(b -> b.get("seq").asLong() == seq).toList();
    }

    /**
     * Appends an event row in a transaction that rolls back, as a command whose append failed would: PostgreSQL has
     * handed out its globalindex for good, and no row ever holds it. Returns that number.
     */
    private long burnASequenceNumberInARolledBackTransaction() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long taken;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                        payload, payloadrevision, payloadtype, timestamp)
                    VALUES (?, 0, 'Tenant', ?, '{}'::bytea, '{}'::bytea, NULL, 'rolled.Back', ?)
                    RETURNING globalindex""")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, DateTimeUtils.formatInstant(Instant.now()));
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    taken = rs.getLong(1);
                }
            }
            connection.rollback();
            return taken;
        }
    }

    @Test
    void aNumberARolledBackTransactionTookIsRecordedAsAVerifiedEmptyGapAfterTheTimeout() throws SQLException {
        long burnt = burnASequenceNumberInARolledBackTransaction();
        audit.tenantWithFourEvents("gap-rolled-back"); // later events: the sealer passes the number

        JsonNode report = Await.until(Duration.ofSeconds(30), "the burnt number recorded as a verified-empty gap",
                this::integrity, r -> inRanges(r.get("gapRanges"), burnt));

        assertThat(report.get("valid").asBoolean()).as(report.toString()).isTrue();
        assertThat(breaksAt(report, burnt)).isEmpty();
        assertThat(inRanges(report.get("pendingGapRanges"), burnt)).isFalse();
        Map<String, Object> gap = jdbc.queryForMap("SELECT next_seq, verified_at FROM audit_chain_gap WHERE seq = ?",
                burnt);
        long nextSeq = ((Number) gap.get("next_seq")).longValue();
        assertThat(nextSeq).isGreaterThan(burnt);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE globalindex > ? AND globalindex < ?",
                Long.class, burnt, nextSeq)).isZero();
        // verified only once the event after it was older than the 3 s timeout
        Instant nextStamped = DateTimeUtils.parseInstant(jdbc.queryForObject(
                "SELECT timestamp FROM domainevententry WHERE globalindex = ?", String.class, nextSeq));
        Instant verifiedAt = ((java.sql.Timestamp) gap.get("verified_at")).toInstant();
        assertThat(verifiedAt).isAfterOrEqualTo(nextStamped.plusSeconds(3));
    }

    @Test
    void aSealedEventRemovedWithItsSealIsEventMissingNeverABenignGap() throws SQLException {
        String tenant = audit.tenantWithFourEvents("gap-removed");
        List<JsonNode> records = audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY);
        long seq = records.get(1).get("seq").asLong();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domainevententry WHERE globalindex = ?", seq);
        Map<String, Object> seal = jdbc.queryForMap("SELECT * FROM audit_chain WHERE seq = ?", seq);
        Tampering tampering = new Tampering(dataSource);
        try {
            tampering.bypassingTriggers("DELETE FROM domainevententry WHERE globalindex = ?", seq);
            tampering.bypassingTriggers("DELETE FROM audit_chain WHERE seq = ?", seq);
            // well past the gap timeout, with new events and sweeps in between: the recorder still leaves it alone
            api.createTenant("gap-removed-later");
            AuditApi.sleep(5_000);
            api.createTenant("gap-removed-later");

            JsonNode report = integrity();

            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(breaksAt(report, seq)).anySatisfy(b -> {
                assertThat(b.get("kind").asText()).isEqualTo("event_missing");
                assertThat(b.get("eventId").isNull()).isTrue();
            });
            assertThat(inRanges(report.get("gapRanges"), seq)).isFalse();
            assertThat(inRanges(report.get("pendingGapRanges"), seq)).isFalse();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_chain_gap WHERE seq = ?", Long.class, seq))
                    .isZero();
        } finally {
            if (jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE seq = ?", Long.class, seq) == 0) {
                jdbc.update("INSERT INTO audit_chain (seq, chain_position, event_id, tenant_id, prev_hash, hash,"
                                + " sealed_at, prev_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", seal.get("seq"),
                        seal.get("chain_position"), seal.get("event_id"), seal.get("tenant_id"), seal.get("prev_hash"),
                        seal.get("hash"), seal.get("sealed_at"), seal.get("prev_seq"));
            }
            jdbc.update("""
                    INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type,
                        eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", row.get("globalindex"), row.get("aggregateidentifier"),
                    row.get("sequencenumber"), row.get("type"), row.get("eventidentifier"), row.get("metadata"),
                    row.get("payload"), row.get("payloadrevision"), row.get("payloadtype"), row.get("timestamp"));
        }
        assertThat(breaksAt(integrity(), seq)).isEmpty();
    }

    /**
     * A verified-empty record at a number that holds an event is named: whether the event was written into the
     * number afterwards or the record was forged to explain a number away, the two cannot both be true. (Forged here
     * by inserting the record, since an event written into a recorded number would also be sealed for good.)
     */
    @Test
    void aVerifiedEmptyRecordAtANumberThatHoldsAnEventIsNamedGapFilled() throws SQLException {
        String tenant = audit.tenantWithFourEvents("gap-filled");
        JsonNode renamed = AuditApi.only(audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY), "TenantRenamedEvent");
        long seq = renamed.get("seq").asLong();
        jdbc.update("INSERT INTO audit_chain_gap (seq, next_seq) VALUES (?, ?)", seq, seq + 1);
        try {
            JsonNode report = integrity();

            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(breaksAt(report, seq)).singleElement().satisfies(b -> {
                assertThat(b.get("kind").asText()).isEqualTo("gap_filled");
                assertThat(b.get("eventId").asText()).isEqualTo(renamed.get("eventId").asText());
            });
        } finally {
            new Tampering(dataSource).bypassingTriggers("DELETE FROM audit_chain_gap WHERE seq = ?", seq);
        }
        assertThat(breaksAt(integrity(), seq)).isEmpty();
    }
}
