package io.p3protocol.command.policy;

import io.p3protocol.kernel.policy.Feature;
import io.p3protocol.kernel.policy.TenantPolicy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * The policy in force for a tenant, read from {@code tenant_policy}. That table is written by a subscribing
 * processor in the transaction that records the policy change, so a PUT that returned 200 is enforced at once, on
 * every node sharing the database. One primary-key read per call; nothing is cached, so nothing can go stale.
 */
@Component
public class TenantPolicies {
    private final JdbcTemplate jdbc;

    public TenantPolicies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The columns {@link #read} maps, for a {@code tenant_policy} row (possibly outer-joined). */
    public static final String COLUMNS = "sandbox, sandbox_chain, rate_limit_rpm, max_sessions, allowed_features, "
            + "data_region, retention_days, export_allowed";

    /** The tenant's policy, or {@link TenantPolicy#DEFAULT} when none was ever set (or the tenant is unknown). */
    public TenantPolicy of(String tenantId) {
        if (tenantId == null) {
            return TenantPolicy.DEFAULT;
        }
        List<TenantPolicy> found = jdbc.query("SELECT " + COLUMNS + " FROM tenant_policy WHERE tenant_id = ?",
                (rs, i) -> read(rs), tenantId);
        return found.isEmpty() ? TenantPolicy.DEFAULT : found.get(0);
    }

    /** The policy in the current row's {@link #COLUMNS}; {@link TenantPolicy#DEFAULT} when they are null (no row). */
    public static TenantPolicy read(ResultSet rs) throws SQLException {
        if (rs.getObject("rate_limit_rpm") == null) {
            return TenantPolicy.DEFAULT;
        }
        return new TenantPolicy(rs.getBoolean("sandbox"), rs.getString("sandbox_chain"), rs.getInt("rate_limit_rpm"),
                rs.getInt("max_sessions"), features(rs.getArray("allowed_features")), rs.getString("data_region"),
                (Integer) rs.getObject("retention_days"), rs.getBoolean("export_allowed"));
    }

    /** Stored names the code no longer knows are skipped rather than failing every request of the tenant. */
    static List<Feature> features(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).map(Feature::find).flatMap(java.util.Optional::stream)
                .toList();
    }
}
