package io.p3protocol.query.guardian;

import io.p3protocol.kernel.guardian.FindGuardianGrants;
import io.p3protocol.kernel.guardian.GuardianGrantSummary;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Reading guardian grants: {@code GET /api/enterprise/guardian/grants}. */
public final class GuardianGrantQueries {
    private GuardianGrantQueries() {
    }

    @Component
    public static class Handlers {
        private final JdbcTemplate jdbc;

        public Handlers(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @QueryHandler
        public List<GuardianGrantSummary> handle(FindGuardianGrants query) {
            String select = """
                    SELECT grant_id, guardian_key_id, guardian_tenant_id, target_tenant_ids, roles, expires_at,
                        CASE WHEN status = 'ACTIVE' AND expires_at <= now() THEN 'EXPIRED' ELSE status END AS status,
                        granted_at, granted_by, ended_at, access_count, last_access_at
                    FROM guardian_grant_view""";
            if (query.tenantId() == null) {
                return jdbc.query(select + " ORDER BY granted_at DESC", (rs, i) -> summary(rs, null));
            }
            return jdbc.query(select + " WHERE guardian_tenant_id = ? OR ? = ANY (target_tenant_ids)"
                    + " ORDER BY granted_at DESC", (rs, i) -> summary(rs, query.tenantId()), query.tenantId(),
                    query.tenantId());
        }

        /** A target tenant learns only about itself, never which other tenants the grant names. */
        private static GuardianGrantSummary summary(ResultSet rs, String viewer) throws SQLException {
            String guardianTenant = rs.getString("guardian_tenant_id");
            List<String> targets = Arrays.asList((String[]) rs.getArray("target_tenant_ids").getArray());
            if (viewer != null && !viewer.equals(guardianTenant)) {
                targets = List.of(viewer);
            }
            return new GuardianGrantSummary(rs.getString("grant_id"), rs.getString("guardian_key_id"), guardianTenant,
                    targets, Arrays.asList((String[]) rs.getArray("roles").getArray()),
                    instant(rs.getTimestamp("expires_at")), rs.getString("status").toLowerCase(java.util.Locale.ROOT),
                    instant(rs.getTimestamp("granted_at")), rs.getString("granted_by"),
                    instant(rs.getTimestamp("ended_at")), rs.getLong("access_count"),
                    instant(rs.getTimestamp("last_access_at")));
        }

        private static Instant instant(Timestamp timestamp) {
            return timestamp == null ? null : timestamp.toInstant();
        }
    }

    @RestController
    @Tag(name = "Enterprise: guardian")
    public static class Controller {
        private final QueryGateway queries;

        public Controller(QueryGateway queries) {
            this.queries = queries;
        }

        @GetMapping("/api/enterprise/guardian/grants")
        @Operation(summary = "Guardian grants: every grant for the platform admin (optionally of one tenant); for a "
                + "tenant's admin key, the grants its tenant holds or is named in")
        public List<GuardianGrantSummary> grants(@Parameter(hidden = true) Caller caller,
                                                 @RequestParam(required = false) String tenantId) {
            caller.requireRole(Role.ADMIN);
            return queries.query(new FindGuardianGrants(caller.scopeTenant(tenantId)),
                    ResponseTypes.multipleInstancesOf(GuardianGrantSummary.class)).join();
        }
    }
}
