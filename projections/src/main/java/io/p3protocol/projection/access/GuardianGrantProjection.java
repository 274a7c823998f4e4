package io.p3protocol.projection.access;

import io.p3protocol.kernel.guardian.GuardianAccessRecordedEvent;
import io.p3protocol.kernel.guardian.GuardianGrantEndedEvent;
import io.p3protocol.kernel.guardian.GuardianScopeGrantedEvent;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.security.Role;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Locale;

/**
 * The guardian grants, for the crossing filter (which grant covers a key and tenant) and for listing. Each event is
 * told to every tenant it concerns; only the guardian's own copy is projected, so every grant is one row.
 */
@Component
@ProcessingGroup(CredentialProjection.PROCESSING_GROUP)
public class GuardianGrantProjection {
    private final JdbcTemplate jdbc;

    public GuardianGrantProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(GuardianScopeGrantedEvent event, @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        if (!event.isGuardianCopy()) {
            return;
        }
        jdbc.update("""
                INSERT INTO guardian_grant_view (grant_id, guardian_key_id, guardian_tenant_id, target_tenant_ids,
                    roles, expires_at, status, granted_at, granted_by)
                VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?) ON CONFLICT (grant_id) DO NOTHING""",
                event.grantId(), event.guardianKeyId(), event.guardianTenantId(),
                event.targetTenantIds().stream().sorted().toArray(String[]::new), Role.wireNames(event.roles()),
                java.sql.Timestamp.from(event.expiresAt()), java.sql.Timestamp.from(at), actor);
    }

    @EventHandler
    void on(GuardianGrantEndedEvent event, @Timestamp Instant at) {
        if (!event.isGuardianCopy()) {
            return;
        }
        jdbc.update("UPDATE guardian_grant_view SET status = ?, ended_at = ?, end_detail = ? WHERE grant_id = ?",
                event.reason().toUpperCase(Locale.ROOT), java.sql.Timestamp.from(at), event.detail(), event.grantId());
    }

    @EventHandler
    void on(GuardianAccessRecordedEvent event, @Timestamp Instant at) {
        if (!event.tenantId().equals(event.guardianTenantId())) {
            return;
        }
        jdbc.update("""
                UPDATE guardian_grant_view SET access_count = access_count + 1, last_access_at = ?
                WHERE grant_id = ?""", java.sql.Timestamp.from(at), event.grantId());
    }
}
