package io.p3protocol.app.migrations;

import io.p3protocol.app.support.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V19 adds {@code prev_seq} to a chain that may already hold sealed rows: each existing row must get the seq of the
 * row before it in its own chain (sealing order), and the first row of each chain none. The migrations run here in a
 * schema of their own, on the test database, from V1 up to V18, then rows are sealed as the old sealer wrote them.
 */
@IntegrationTest
class AuditChainLinkMigrationTest {
    private static final String SCHEMA = "v19_migration_test";

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void dropSchema() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    @Test
    void existingRowsGetThePositionOfTheRowBeforeThemInTheirOwnChain() {
        migrateTo("18");
        // sealing order (chain_position) interleaves two tenants and the chain of events without a tenant
        seal(10, "tenant-a");
        seal(11, "tenant-b");
        seal(13, null);
        seal(12, "tenant-a"); // committed late: sealed after 13, so it follows 10 in tenant-a's chain
        seal(14, "tenant-b");
        seal(15, null);
        seal(16, "tenant-a");

        migrateTo("19");

        assertThat(prevSeqBySeq()).containsExactly(
                Map.entry(10L, -1L), Map.entry(11L, -1L), Map.entry(12L, 10L), Map.entry(13L, -1L),
                Map.entry(14L, 11L), Map.entry(15L, 13L), Map.entry(16L, 12L));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND indexname = ?",
                Integer.class, SCHEMA, "audit_chain_tenant_link_uq")).isZero();
    }

    private void migrateTo(String version) {
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration").target(version).load().migrate();
    }

    private void seal(long seq, String tenant) {
        String hash = String.format("%064x", seq);
        jdbc.update("INSERT INTO " + SCHEMA + ".audit_chain (seq, event_id, tenant_id, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?)", seq, "event-" + seq, tenant, String.format("%064x", seq + 1000), hash);
    }

    /** Each row's prev_seq by seq, -1 standing for none. */
    private Map<Long, Long> prevSeqBySeq() {
        List<Map.Entry<Long, Long>> rows = jdbc.query("SELECT seq, COALESCE(prev_seq, -1) AS prev FROM " + SCHEMA
                + ".audit_chain ORDER BY seq", (rs, n) -> Map.entry(rs.getLong("seq"), rs.getLong("prev")));
        Map<Long, Long> bySeq = new java.util.LinkedHashMap<>();
        rows.forEach(row -> bySeq.put(row.getKey(), row.getValue()));
        return bySeq;
    }
}
