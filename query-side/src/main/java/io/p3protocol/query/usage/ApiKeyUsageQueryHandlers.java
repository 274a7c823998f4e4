package io.p3protocol.query.usage;

import io.p3protocol.kernel.apikeys.ApiKeyDefaults;
import io.p3protocol.kernel.usage.ApiKeyUsage;
import io.p3protocol.kernel.usage.FindApiKeyUsage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A key's usage in a UTC month (the current one unless asked), from the metering tables ({@code api_key_usage}, {@code api_key_endpoint_usage}).
 * Nodes count requests in memory and write them shortly after ({@link UnflushedUsage}); the read first has this
 * node write what it holds for the key, so it shows every request this node answered before it, and those of other
 * nodes up to their last flush (a fraction of a second). The key's tenant
 * and status come from {@code auth_api_key}, its quota from {@code api_key_quota} (both written with the key's
 * events). The month is the database's, like the metering's.
 */
@Component
public class ApiKeyUsageQueryHandlers {
    private final JdbcTemplate jdbc;
    private final ObjectProvider<UnflushedUsage> unflushed;

    public ApiKeyUsageQueryHandlers(JdbcTemplate jdbc, ObjectProvider<UnflushedUsage> unflushed) {
        this.jdbc = jdbc;
        this.unflushed = unflushed;
    }

    @QueryHandler
    public Optional<ApiKeyUsage> usage(FindApiKeyUsage query) {
        unflushed.ifAvailable(usage -> usage.flush(query.keyId()));
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
