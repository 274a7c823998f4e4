package io.p3protocol.app.policy;

import io.p3protocol.kernel.apikeys.ApiKeyDefaults;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts one request of a tenant key against the tenant's rate limit ({@code rate_limit_window}, per minute) and
 * the key's monthly quota ({@code api_key_usage} per key and UTC month, {@code api_key_endpoint_usage} per route
 * template), in <b>one statement</b>: one round trip, one autocommit transaction (no transaction is open in the
 * servlet filter chain). Every node counts in the same rows, so both limits are exact across nodes:
 * <ul>
 *     <li>the rate window is an unconditional upsert (refused requests count too, as before);</li>
 *     <li>the month total is a <em>conditional</em> upsert: it is incremented only while {@code total < quota}, and
 *     only for a request within the rate limit. PostgreSQL's {@code ON CONFLICT DO UPDATE ... WHERE} locks the row
 *     and re-checks the condition on its latest version, so concurrent requests on any node serialize on that row
 *     and exactly {@code quota} requests are counted; the next ones get no row back (refused);</li>
 *     <li>the per-endpoint row is incremented only when the month total was (it reads the total's
 *     {@code RETURNING}), so the endpoint counts add up to the total.</li>
 * </ul>
 * Months and minutes are the database's clock (UTC), the one clock every node shares.
 */
@Component
public class RequestMeter {
    private static final String COUNT = """
            WITH rate AS (
                INSERT INTO rate_limit_window AS w (tenant_id, window_start, count)
                VALUES (:tenant, date_trunc('minute', statement_timestamp()), 1)
                ON CONFLICT (tenant_id, window_start) DO UPDATE SET count = w.count + 1
                RETURNING w.count AS rate_count,
                          CEIL(EXTRACT(EPOCH FROM w.window_start + INTERVAL '1 minute' - statement_timestamp()))::int
                              AS rate_retry_after
            ), period AS (
                SELECT date_trunc('month', statement_timestamp() AT TIME ZONE 'UTC')::date AS month,
                       COALESCE((SELECT quota_monthly FROM api_key_quota WHERE key_id = :key), :defaultQuota)
                           AS quota_monthly
            ), counted AS (
                INSERT INTO api_key_usage AS u (key_id, month, tenant_id, quota_monthly, total)
                SELECT :key, p.month, :tenant, p.quota_monthly, 1 FROM rate, period p
                WHERE rate.rate_count <= :rpm AND p.quota_monthly >= 1
                ON CONFLICT (key_id, month) DO UPDATE SET total = u.total + 1, quota_monthly = EXCLUDED.quota_monthly
                    WHERE u.total < EXCLUDED.quota_monthly
                RETURNING u.total
            ), by_endpoint AS (
                INSERT INTO api_key_endpoint_usage AS e (key_id, month, endpoint, count, last_hit_at)
                SELECT :key, p.month, :endpoint, 1, statement_timestamp() FROM counted, period p
                ON CONFLICT (key_id, month, endpoint) DO UPDATE SET count = e.count + 1,
                    last_hit_at = EXCLUDED.last_hit_at
            )
            SELECT rate.rate_count, rate.rate_retry_after, p.quota_monthly, to_char(p.month, 'YYYY-MM') AS month,
                   (SELECT total FROM counted) AS counted_total,
                   CEIL(EXTRACT(EPOCH FROM (p.month + INTERVAL '1 month') AT TIME ZONE 'UTC'
                                           - statement_timestamp()))::bigint AS quota_retry_after
            FROM rate, period p""";

    private final NamedParameterJdbcTemplate jdbc;

    public RequestMeter(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The outcome of counting one request.
     *
     * @param rateAllowed            within the tenant's requests per minute
     * @param rateRetryAfterSeconds  seconds until the minute window ends (1…60)
     * @param quotaMonthly           the key's quota
     * @param month                  the UTC month counted, {@code YYYY-MM}
     * @param countedTotal           the key's month total including this request, or null when it was not counted
     *                               (over the rate limit, or the quota is used up)
     * @param quotaRetryAfterSeconds seconds until the next UTC month starts
     */
    public record Decision(boolean rateAllowed, int rateRetryAfterSeconds, long quotaMonthly, String month,
                           Long countedTotal, long quotaRetryAfterSeconds) {
        /** Within the quota (meaningful only when {@link #rateAllowed()}). */
        public boolean quotaAllowed() {
            return countedTotal != null;
        }

        /** This request was the quota's last one: exactly one request per key and month sees this. */
        public boolean usedLastOfQuota() {
            return countedTotal != null && countedTotal == quotaMonthly;
        }
    }

    /** Counts one request of key {@code keyId} of {@code tenantId} on {@code endpoint} (a route template). */
    public Decision count(String tenantId, int rateLimitPerMinute, String keyId, String endpoint) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("tenant", tenantId).addValue("key", keyId).addValue("endpoint", endpoint)
                .addValue("rpm", rateLimitPerMinute).addValue("defaultQuota", ApiKeyDefaults.QUOTA_MONTHLY);
        return jdbc.queryForObject(COUNT, params, (rs, i) -> {
            long total = rs.getLong("counted_total");
            Long counted = rs.wasNull() ? null : total;
            return new Decision(rs.getInt("rate_count") <= rateLimitPerMinute,
                    Math.max(1, rs.getInt("rate_retry_after")), rs.getLong("quota_monthly"), rs.getString("month"),
                    counted, Math.max(1, rs.getLong("quota_retry_after")));
        });
    }
}
