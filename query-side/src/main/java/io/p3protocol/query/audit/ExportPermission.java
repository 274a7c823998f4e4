package io.p3protocol.query.audit;

import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The export control of the tenant policy: with {@code exportAllowed = false} a tenant's keys may not use the audit
 * export. Read from {@code tenant_policy} (written in the transaction of the policy change, so a PUT is in force at
 * once on every node); a tenant without a row has the default, which allows export. The platform admin is never
 * limited.
 */
@Component
public class ExportPermission {
    private final JdbcTemplate jdbc;

    public ExportPermission(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws AccessDenied {@code export_not_allowed} when the caller's tenant may not export */
    public void require(Caller caller) {
        if (caller.platformAdmin() || caller.tenantId() == null) {
            return;
        }
        List<Boolean> allowed = jdbc.queryForList("SELECT export_allowed FROM tenant_policy WHERE tenant_id = ?",
                Boolean.class, caller.tenantId());
        if (!allowed.isEmpty() && !allowed.get(0)) {
            throw new AccessDenied("export_not_allowed", "The tenant's policy does not allow exporting data.");
        }
    }
}
