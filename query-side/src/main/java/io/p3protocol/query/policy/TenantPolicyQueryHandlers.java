package io.p3protocol.query.policy;

import io.p3protocol.kernel.policy.Feature;
import io.p3protocol.kernel.policy.FindTenantPolicy;
import io.p3protocol.kernel.policy.TenantPolicy;
import io.p3protocol.kernel.policy.TenantPolicyView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Answers policy queries from {@code tenant_policy} (written in the command's transaction, so a read right after a
 * PUT already shows it). A tenant without a row has the default policy.
 */
@Component
public class TenantPolicyQueryHandlers {
    private final JdbcTemplate jdbc;

    public TenantPolicyQueryHandlers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public TenantPolicyView policy(FindTenantPolicy query) {
        List<TenantPolicyView> found = jdbc.query("""
                SELECT sandbox, sandbox_chain, rate_limit_rpm, max_sessions, allowed_features, data_region,
                       retention_days, export_allowed, updated_at, updated_by
                FROM tenant_policy WHERE tenant_id = ?""", (rs, i) -> {
            List<Feature> features = Arrays.stream((String[]) rs.getArray("allowed_features").getArray())
                    .map(Feature::find).flatMap(Optional::stream).toList();
            TenantPolicy policy = new TenantPolicy(rs.getBoolean("sandbox"), rs.getString("sandbox_chain"),
                    rs.getInt("rate_limit_rpm"), rs.getInt("max_sessions"), features, rs.getString("data_region"),
                    (Integer) rs.getObject("retention_days"), rs.getBoolean("export_allowed"));
            Timestamp updatedAt = rs.getTimestamp("updated_at");
            return new TenantPolicyView(query.tenantId(), policy, updatedAt.toInstant(), rs.getString("updated_by"));
        }, query.tenantId());
        return found.isEmpty() ? new TenantPolicyView(query.tenantId(), TenantPolicy.DEFAULT, null, null)
                : found.get(0);
    }
}
