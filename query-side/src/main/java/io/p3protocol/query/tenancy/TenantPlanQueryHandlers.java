package io.p3protocol.query.tenancy;

import io.p3protocol.kernel.tenancy.FindTenantPlan;
import io.p3protocol.kernel.tenancy.FindTenantZones;
import io.p3protocol.kernel.tenancy.TenantPlan;
import io.p3protocol.kernel.tenancy.TenantZoneList;
import io.p3protocol.kernel.tenancy.TenantZoneView;
import io.p3protocol.kernel.tenancy.Tier;
import io.p3protocol.kernel.tenancy.Zone;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Tiers and zones from {@code tenant_tier} and {@code tenant_zone} (written in the commands' transactions). */
@Component
public class TenantPlanQueryHandlers {
    private final JdbcTemplate jdbc;

    public TenantPlanQueryHandlers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public TenantPlan plan(FindTenantPlan query) {
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT t.tier, t.updated_at AS tier_at, t.updated_by AS tier_by,
                       z.provider, z.region, z.placed_at, z.placed_by
                FROM (SELECT ?::text AS tenant_id) wanted
                LEFT JOIN tenant_tier t ON t.tenant_id = wanted.tenant_id
                LEFT JOIN tenant_zone z ON z.tenant_id = wanted.tenant_id""", query.tenantId());
        Tier tier = row.get("tier") == null ? null : Tier.fromWire((String) row.get("tier"));
        Zone zone = row.get("provider") == null ? null
                : new Zone((String) row.get("provider"), (String) row.get("region"));
        return new TenantPlan(query.tenantId(), tier, instant(row.get("tier_at")), (String) row.get("tier_by"), zone,
                instant(row.get("placed_at")), (String) row.get("placed_by"));
    }

    /** Every filter given applies: provider AND region (the original's second filter replaced the first). */
    @QueryHandler
    public TenantZoneList zones(FindTenantZones query) {
        StringBuilder sql = new StringBuilder(
                "SELECT tenant_id, provider, region, placed_at, placed_by FROM tenant_zone WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (query.onlyTenantId() != null) {
            sql.append(" AND tenant_id = ?");
            args.add(query.onlyTenantId());
        }
        if (query.provider() != null) {
            sql.append(" AND provider = ?");
            args.add(query.provider().strip().toLowerCase(Locale.ROOT));
        }
        if (query.region() != null) {
            sql.append(" AND region = ?");
            args.add(query.region().strip().toLowerCase(Locale.ROOT));
        }
        sql.append(" ORDER BY placed_at, tenant_id");
        return new TenantZoneList(jdbc.query(sql.toString(), (rs, i) -> new TenantZoneView(rs.getString("tenant_id"),
                rs.getString("provider"), rs.getString("region"), rs.getTimestamp("placed_at").toInstant(),
                rs.getString("placed_by")), args.toArray()));
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : null;
    }
}
