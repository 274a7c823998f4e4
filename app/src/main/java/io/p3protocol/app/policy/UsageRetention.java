package io.p3protocol.app.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the per-key usage of the last {@code p3.usage.retention-months} UTC months (13 by default: this month and a
 * full year before it) and deletes older months' rows, so the metering tables stay bounded. Every node runs it;
 * the delete is idempotent. Months are the database's clock, like the metering.
 */
@Component
public class UsageRetention {
    private static final Logger log = LoggerFactory.getLogger(UsageRetention.class);

    private final JdbcTemplate jdbc;
    private final int months;

    public UsageRetention(JdbcTemplate jdbc, @Value("${p3.usage.retention-months:13}") int months) {
        if (months < 1) {
            throw new IllegalArgumentException("p3.usage.retention-months must be at least 1");
        }
        this.jdbc = jdbc;
        this.months = months;
    }

    /** Deletes the rows of months before the retained ones; answers how many rows went. */
    @Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT6H")
    public int deleteExpiredMonths() {
        String oldestKept = "date_trunc('month', statement_timestamp() AT TIME ZONE 'UTC')::date"
                + " - make_interval(months => ?)";
        int deleted = jdbc.update("DELETE FROM api_key_endpoint_usage WHERE month < " + oldestKept, months - 1)
                + jdbc.update("DELETE FROM api_key_usage WHERE month < " + oldestKept, months - 1);
        if (deleted > 0) {
            log.info("Deleted {} usage rows of months older than the last {}", deleted, months);
        }
        return deleted;
    }
}
