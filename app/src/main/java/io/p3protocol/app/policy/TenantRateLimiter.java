package io.p3protocol.app.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The per-tenant rate limit ({@code rateLimitRpm} of the tenant policy) is a fixed one-minute window budget in
 * PostgreSQL, table {@code rate_limit_window}, shared by every node, which lease units of it
 * ({@link RequestMeter}, {@link BudgetLeases}); this class keeps the table small.
 */
@Component
public class TenantRateLimiter {
    private static final Logger log = LoggerFactory.getLogger(TenantRateLimiter.class);

    private final JdbcTemplate jdbc;

    public TenantRateLimiter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
