package io.p3protocol.query.reports;

import io.p3protocol.query.audit.AuditCheckpointView;
import io.p3protocol.query.audit.AuditProofs;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Names the Merkle checkpoints (and their anchors) that vouch for the event range of a report run. */
@Component
class ReportRanges {
    private final JdbcTemplate jdbc;
    private final AuditProofs checkpoints;

    ReportRanges(JdbcTemplate jdbc, AuditProofs checkpoints) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
    }

    ReportRange of(Long firstSeq, Long lastSeq, long events) {
        if (lastSeq == null) {
            return new ReportRange(null, null, 0, null, null);
        }
        AuditCheckpointView atOrBefore = checkpoint(
                "SELECT number FROM audit_checkpoint WHERE last_seq <= ? ORDER BY number DESC LIMIT 1", lastSeq);
        AuditCheckpointView covering = atOrBefore != null && atOrBefore.lastSeq() == lastSeq ? atOrBefore : checkpoint(
                "SELECT number FROM audit_checkpoint WHERE last_seq >= ? ORDER BY number LIMIT 1", lastSeq);
        return new ReportRange(firstSeq, lastSeq, events, atOrBefore, covering);
    }

    private AuditCheckpointView checkpoint(String sql, long lastSeq) {
        return jdbc.queryForList(sql, Long.class, lastSeq).stream().findFirst().map(checkpoints::checkpoint)
                .orElse(null);
    }
}
