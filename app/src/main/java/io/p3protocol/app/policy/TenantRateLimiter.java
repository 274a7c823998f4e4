package io.p3protocol.app.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The per-tenant rate limit ({@code rateLimitRpm} of the tenant policy) as a fixed one-minute window counter in
 * PostgreSQL, table {@code rate_limit_window}. Every node sharing the database counts in the same row, so the limit
 * holds across nodes, not per process. Each request costs one round trip: an upsert that increments the window's
 * count and returns it, in its own autocommit statement (no transaction is open in the servlet filter chain).
 * The window is taken from the database's clock, the one clock all nodes share.
 */
@Component
public class TenantRateLimiter {
    private static final Logger log = LoggerFactory.getLogger(TenantRateLimiter.class);

    private final JdbcTemplate jdbc;

    public TenantRateLimiter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The outcome of counting one request.
     *
     * @param allowed           whether the request is within the limit
     * @param retryAfterSeconds seconds until the current window ends (≥ 1)
     */
    public record Decision(boolean allowed, int retryAfterSeconds) {
    }

    /** Counts one request of the tenant in the current window and says whether it is within {@code limitPerMinute}. */
    public Decision acquire(String tenantId, int limitPerMinute) {
        // statement_timestamp() is always inside [window_start, window_start + 1 min), so the ceiling is 1…60.
        return jdbc.queryForObject("""
                INSERT INTO rate_limit_window AS w (tenant_id, window_start, count)
                VALUES (?, date_trunc('minute', statement_timestamp()), 1)
                ON CONFLICT (tenant_id, window_start) DO UPDATE SET count = w.count + 1
                RETURNING w.count,
                          CEIL(EXTRACT(EPOCH FROM w.window_start + INTERVAL '1 minute' - statement_timestamp()))::int
                              AS retry_after""",
                (rs, i) -> new Decision(rs.getInt("count") <= limitPerMinute, Math.max(1, rs.getInt("retry_after"))),
                tenantId);
    }

    /**
     * Deletes the rows of windows that ended more than a minute ago. Every node runs it; the delete is idempotent,
     * so running it twice costs nothing but the second scan.
     */
    @Scheduled(initialDelayString = "${p3.rate-limit.cleanup-interval:5m}",
            fixedDelayString = "${p3.rate-limit.cleanup-interval:5m}")
    public int deleteOldWindows() {
        int deleted = jdbc.update(
                "DELETE FROM rate_limit_window WHERE window_start < date_trunc('minute', now()) - INTERVAL '1 minute'");
        if (deleted > 0) {
            log.debug("Deleted {} past rate-limit windows", deleted);
        }
        return deleted;
    }
}
