package io.p3protocol.query.usage;

import io.p3protocol.kernel.apikeys.ApiKeyDefaults;
import io.p3protocol.kernel.usage.ApiKeyUsage;
import io.p3protocol.kernel.usage.FindApiKeyUsage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A key's usage in a UTC month (the current one unless asked), from the metering tables ({@code api_key_usage}, {@code api_key_endpoint_usage}),
 * which count each request as it is admitted, so a read shows every request answered before it. The key's tenant
 * and status come from {@code auth_api_key}, its quota from {@code api_key_quota} (both written with the key's
 * events). The month is the database's, like the metering's.
 */
@Component
public class ApiKeyUsageQueryHandlers {
    private final JdbcTemplate jdbc;

    public ApiKeyUsageQueryHandlers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<ApiKeyUsage> usage(FindApiKeyUsage query) {
        List<Map<String, Object>> keys = jdbc.queryForList("""
                WITH period AS (
                    SELECT COALESCE(?::date, date_trunc('month', statement_timestamp() AT TIME ZONE 'UTC')::date)
                        AS month
                )
                SELECT k.tenant_id, k.status, p.month, COALESCE(u.total, 0) AS total,
                       COALESCE(u.quota_monthly, q.quota_monthly, ?) AS quota_monthly
                FROM auth_api_key k
                CROSS JOIN period p
                LEFT JOIN api_key_quota q ON q.key_id = k.key_id
                LEFT JOIN api_key_usage u ON u.key_id = k.key_id AND u.month = p.month
                WHERE k.key_id = ?""", query.month() == null ? null : java.sql.Date.valueOf(query.month().atDay(1)),
                ApiKeyDefaults.QUOTA_MONTHLY, query.keyId());
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> key = keys.get(0);
        String tenantId = (String) key.get("tenant_id");
        if (query.onlyTenantId() != null && !query.onlyTenantId().equals(tenantId)) {
            return Optional.empty();
        }
        LocalDate month = ((java.sql.Date) key.get("month")).toLocalDate();
        long quota = ((Number) key.get("quota_monthly")).longValue();
        List<ApiKeyUsage.EndpointUsage> byEndpoint = jdbc.query("""
                SELECT endpoint, count, last_hit_at FROM api_key_endpoint_usage
                WHERE key_id = ? AND month = ? ORDER BY count DESC, endpoint""",
                (rs, i) -> new ApiKeyUsage.EndpointUsage(rs.getString("endpoint"), rs.getLong("count"),
                        rs.getTimestamp("last_hit_at").toInstant()), query.keyId(), java.sql.Date.valueOf(month));
        ApiKeyUsage.Period period = new ApiKeyUsage.Period(month.atStartOfDay().toInstant(ZoneOffset.UTC),
                month.plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1));
        return Optional.of(new ApiKeyUsage(query.keyId(), tenantId,
                ((String) key.get("status")).toLowerCase(Locale.ROOT), quota, period,
                ApiKeyUsage.Usage.of(((Number) key.get("total")).longValue(), quota, byEndpoint)));
    }
}
