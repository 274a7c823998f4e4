package io.p3protocol.app.policy;

import io.p3protocol.query.usage.UnflushedUsage;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The usage read model's counts (requests served per key and month, in total and per route template), counted in
 * memory as requests are admitted and written to {@code api_key_usage.total} and {@code api_key_endpoint_usage} in
 * one statement per key and month: every {@code p3.usage.flush-interval} (250 ms by default), before a usage read
 * of the key on this node ({@link UnflushedUsage}), and when the node stops. The limits do not depend on these
 * counts (they are enforced by the leases, {@link LeasedBudget}); the counts are what the usage endpoints show.
 * A node that crashes loses the counts it had not written yet (at most one interval's), and a database crash the
 * last ~0.6 s of written ones (asynchronous commit, as the metering always had); a failed write is kept and tried
 * again with the next flush. {@code last_hit_at} is this node's clock.
 */
@Component
public class UsageCounts implements UnflushedUsage {
    private static final Logger log = LoggerFactory.getLogger(UsageCounts.class);
    private static final String FLUSH = """
            WITH async_commit AS (
                SELECT set_config('synchronous_commit', 'off', true) AS synchronous_commit
            ), month_total AS (
                UPDATE api_key_usage SET total = total + ? WHERE key_id = ? AND month = ?
                RETURNING 1
            ), by_endpoint AS (
                INSERT INTO api_key_endpoint_usage AS e (key_id, month, endpoint, count, last_hit_at)
                SELECT ?, ?, x.endpoint, x.count, x.last_hit_at
                FROM unnest(?::text[], ?::bigint[], ?::timestamptz[]) AS x(endpoint, count, last_hit_at)
                ON CONFLICT (key_id, month, endpoint) DO UPDATE SET count = e.count + EXCLUDED.count,
                    last_hit_at = GREATEST(e.last_hit_at, EXCLUDED.last_hit_at)
                RETURNING 1
            )
            SELECT (SELECT synchronous_commit FROM async_commit), (SELECT count(*) FROM month_total),
                   (SELECT count(*) FROM by_endpoint)""";

    private final JdbcTemplate jdbc;
    private final Map<String, KeyCounts> byKey = new ConcurrentHashMap<>();

    public UsageCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One endpoint's count in one month, not written yet. */
    private static final class EndpointCount {
        long count;
        long lastHitMillis;
    }

    /** A key's counts not written yet, by month and endpoint; {@code flushing} serializes the key's writers. */
    private static final class KeyCounts {
        final Object flushing = new Object();
        Map<LocalDate, Map<String, EndpointCount>> pending = new HashMap<>();

        synchronized void add(LocalDate month, String endpoint, long atMillis) {
            EndpointCount counted = pending.computeIfAbsent(month, m -> new HashMap<>())
                    .computeIfAbsent(endpoint, e -> new EndpointCount());
            counted.count++;
            counted.lastHitMillis = Math.max(counted.lastHitMillis, atMillis);
        }

        synchronized Map<LocalDate, Map<String, EndpointCount>> drain() {
            if (pending.isEmpty()) {
                return Map.of(); // an idle key: nothing to write, nothing to replace (every flush visits every key)
            }
            Map<LocalDate, Map<String, EndpointCount>> drained = pending;
            pending = new HashMap<>();
            return drained;
        }

        /** Puts back counts whose write failed, so the next flush writes them. */
        synchronized void restore(LocalDate month, Map<String, EndpointCount> counts) {
            counts.forEach((endpoint, c) -> {
                EndpointCount into = pending.computeIfAbsent(month, m -> new HashMap<>())
                        .computeIfAbsent(endpoint, e -> new EndpointCount());
                into.count += c.count;
                into.lastHitMillis = Math.max(into.lastHitMillis, c.lastHitMillis);
            });
        }
    }

    /** Counts one served request of {@code keyId} in {@code month} (the month its quota unit was leased in). */
    void count(String keyId, LocalDate month, String endpoint) {
        byKey.computeIfAbsent(keyId, k -> new KeyCounts()).add(month, endpoint, System.currentTimeMillis());
    }

    @Override
    public void flush(String keyId) {
        KeyCounts counts = byKey.get(keyId);
        if (counts != null) {
            write(keyId, counts);
        }
    }

    @Scheduled(initialDelayString = "${p3.usage.flush-interval:250ms}",
            fixedDelayString = "${p3.usage.flush-interval:250ms}")
    @PreDestroy
    public void flushAll() {
        byKey.forEach(this::write);
    }

    private void write(String keyId, KeyCounts counts) {
        synchronized (counts.flushing) {
            counts.drain().forEach((month, byEndpoint) -> {
                try {
                    write(keyId, month, byEndpoint);
                } catch (RuntimeException e) {
                    counts.restore(month, byEndpoint);
                    log.warn("Could not write the usage counts of key {} for {}; kept for the next flush", keyId,
                            month, e);
                }
            });
        }
    }

    private void write(String keyId, LocalDate month, Map<String, EndpointCount> byEndpoint) {
        List<String> endpoints = new ArrayList<>(byEndpoint.keySet());
        Long[] counts = new Long[endpoints.size()];
        Timestamp[] lastHits = new Timestamp[endpoints.size()];
        long total = 0;
        for (int i = 0; i < endpoints.size(); i++) {
            EndpointCount c = byEndpoint.get(endpoints.get(i));
            counts[i] = c.count;
            lastHits[i] = new Timestamp(c.lastHitMillis);
            total += c.count;
        }
        long delta = total;
        java.sql.Date sqlMonth = java.sql.Date.valueOf(month);
        jdbc.execute((Connection connection) -> {
            Array endpointArray = connection.createArrayOf("text", endpoints.toArray());
            Array countArray = connection.createArrayOf("bigint", counts);
            Array lastHitArray = connection.createArrayOf("timestamptz", lastHits);
            try (PreparedStatement statement = connection.prepareStatement(FLUSH)) {
                statement.setLong(1, delta);
                statement.setString(2, keyId);
                statement.setDate(3, sqlMonth);
                statement.setString(4, keyId);
                statement.setDate(5, sqlMonth);
                statement.setArray(6, endpointArray);
                statement.setArray(7, countArray);
                statement.setArray(8, lastHitArray);
                statement.executeQuery().close();
                return null;
            } finally {
                endpointArray.free();
                countArray.free();
                lastHitArray.free();
            }
        });
    }
}
