package io.p3protocol.projection.audit;

import org.axonframework.common.DateTimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Array;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Accounts for every global-sequence number the sealer has passed: each is sealed, or, once the gap timeout has
 * passed, checked absent from the event store and recorded in {@code audit_chain_gap} as a verified-empty gap
 * (a number a rolled-back transaction took and never used).
 * <p>
 * The numbers the sealer passed without being handed an event are exactly the gaps Axon's gap-aware token keeps
 * (it may still deliver them: a transaction that took the number may still commit). They wait in
 * {@code audit_gap_progress.pending} until they are sealed, or until the first event stored after them is older than
 * the timeout (the criterion Axon's JDBC store uses for gaps), when they are checked absent and recorded. Numbers the
 * sealer passed long ago are never looked at again, so an event deleted later, with or without its seal, can never be
 * mistaken for a benign gap: {@code GET /api/audit/integrity} names a number that is neither sealed nor recorded.
 * <p>
 * Runs in the sealer's batch transaction ({@link #afterSealing}), so progress commits with the tracking token, and
 * on a timer ({@link #sweep}) so pending numbers are settled even when no new event arrives. Both lock the one
 * progress row, so they take turns, also across nodes.
 */
@Component
public class AuditGapRecorder {
    private static final Logger log = LoggerFactory.getLogger(AuditGapRecorder.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Duration timeout;
    private final Clock clock = Clock.systemUTC();

    public AuditGapRecorder(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                            @Value("${p3.audit.gaps.timeout:60s}") Duration timeout) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    private record Progress(long scannedUpTo, List<Long> pending) {
    }

    /**
     * The sealer has sealed (in the current transaction) every event it was handed up to {@code frontier}: the
     * numbers up to there it was not handed become pending, and the pending ones that timed out are recorded.
     */
    public void afterSealing(long frontier) {
        Progress progress = lockProgress();
        List<Long> pending = new ArrayList<>(progress.pending());
        long scanned = progress.scannedUpTo();
        if (frontier > scanned && !allSealed(scanned + 1, frontier)) {
            pending.addAll(jdbc.queryForList("SELECT s FROM generate_series(?::bigint, ?::bigint) AS s"
                    + " WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.seq = s)", Long.class, scanned + 1, frontier));
        }
        scanned = Math.max(scanned, frontier);
        settle(pending, scanned);
    }

    /**
     * Whether every number from {@code first} to {@code last} is sealed: the usual case, answered by counting one
     * range of the primary key instead of looking up each number (which cost more than sealing under telemetry load).
     */
    private boolean allSealed(long first, long last) {
        Long sealed = jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE seq BETWEEN ? AND ?", Long.class,
                first, last);
        return sealed != null && sealed == last - first + 1;
    }

    /** Settles pending numbers whose timeout passed while no new event arrived. */
    @Scheduled(initialDelayString = "${p3.audit.gaps.check-interval:15s}",
            fixedDelayString = "${p3.audit.gaps.check-interval:15s}")
    public void sweep() {
        transaction.executeWithoutResult(tx -> {
            Progress progress = lockProgress();
            if (!progress.pending().isEmpty()) {
                settle(new ArrayList<>(progress.pending()), progress.scannedUpTo());
            }
        });
    }

    private Progress lockProgress() {
        return jdbc.queryForObject("SELECT scanned_up_to, pending FROM audit_gap_progress WHERE id = 1 FOR UPDATE",
                (rs, i) -> {
                    Array array = rs.getArray("pending");
                    List<Long> pending = array == null ? List.of() : Arrays.stream((Long[]) array.getArray()).toList();
                    return new Progress(rs.getLong("scanned_up_to"), pending);
                });
    }

    /**
     * Drops the pending numbers that are sealed now, records those absent from the store whose next stored event is
     * older than the timeout, and keeps the rest pending.
     */
    private void settle(List<Long> pending, long scannedUpTo) {
        List<Long> stillPending = new ArrayList<>();
        List<Object[]> verified = new ArrayList<>();
        if (!pending.isEmpty()) {
            String cutoff = DateTimeUtils.formatInstant(clock.instant().minus(timeout));
            jdbc.query("""
                    SELECT p.s,
                           EXISTS (SELECT 1 FROM audit_chain c WHERE c.seq = p.s) AS sealed,
                           EXISTS (SELECT 1 FROM domainevententry e WHERE e.globalindex = p.s) AS stored,
                           n.globalindex AS next_seq, n.timestamp AS next_timestamp
                    FROM unnest(?::bigint[]) AS p(s)
                    LEFT JOIN LATERAL (SELECT e.globalindex, e.timestamp FROM domainevententry e
                                       WHERE e.globalindex > p.s ORDER BY e.globalindex LIMIT 1) n ON true
                    ORDER BY p.s""", rs -> {
                long seq = rs.getLong("s");
                if (rs.getBoolean("sealed")) {
                    return; // its transaction committed after all, and the sealer got it
                }
                String nextTimestamp = rs.getString("next_timestamp");
                boolean timedOut = nextTimestamp != null && nextTimestamp.compareTo(cutoff) < 0;
                if (rs.getBoolean("stored")) {
                    if (timedOut) {
                        log.warn("Global sequence number {} holds an event that is not sealed yet although the gap"
                                + " timeout has passed; it stays pending", seq);
                    }
                    stillPending.add(seq);
                } else if (timedOut) {
                    verified.add(new Object[]{seq, rs.getLong("next_seq")});
                } else {
                    stillPending.add(seq);
                }
            }, (Object) pending.toArray(Long[]::new));
        }
        if (!verified.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO audit_chain_gap (seq, next_seq) VALUES (?, ?) ON CONFLICT (seq) DO NOTHING",
                    verified);
        }
        jdbc.update("UPDATE audit_gap_progress SET scanned_up_to = ?, pending = ? WHERE id = 1", scannedUpTo,
                stillPending.toArray(Long[]::new));
    }
}
