package io.p3protocol.projection.access;

import io.p3protocol.kernel.apikeys.ApiKeyExpiredEvent;
import io.p3protocol.kernel.apikeys.ApiKeyIssuedEvent;
import io.p3protocol.kernel.apikeys.ApiKeyRevokedEvent;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.tenancy.TenantCreatedEvent;
import io.p3protocol.kernel.tenancy.TenantReactivatedEvent;
import io.p3protocol.kernel.tenancy.TenantStatus;
import io.p3protocol.kernel.tenancy.TenantSuspendedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * The table authentication reads. It runs in a subscribing processor, inside the transaction that appends the
 * event: a revoke that returned 200 has already removed the key's access, on every node sharing the database.
 * Being derived from events, it can be rebuilt at any time (see docs/architecture.md).
 */
@Component
@ProcessingGroup(CredentialProjection.PROCESSING_GROUP)
public class CredentialProjection {
    public static final String PROCESSING_GROUP = "auth-credentials";

    private final JdbcTemplate jdbc;

    public CredentialProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TenantCreatedEvent event) {
        jdbc.update("INSERT INTO auth_tenant (tenant_id, status) VALUES (?, ?) ON CONFLICT (tenant_id) DO NOTHING",
                event.tenantId(), TenantStatus.ACTIVE.name());
    }

    @EventHandler
    void on(TenantSuspendedEvent event) {
        jdbc.update("UPDATE auth_tenant SET status = ? WHERE tenant_id = ?", TenantStatus.SUSPENDED.name(),
                event.tenantId());
    }

    @EventHandler
    void on(TenantReactivatedEvent event) {
        jdbc.update("UPDATE auth_tenant SET status = ? WHERE tenant_id = ?", TenantStatus.ACTIVE.name(),
                event.tenantId());
    }

    @EventHandler
    void on(ApiKeyIssuedEvent event) {
        jdbc.update("""
                INSERT INTO auth_api_key (key_hash, key_id, tenant_id, roles, status, expires_at)
                VALUES (?, ?, ?, ?, 'ACTIVE', ?) ON CONFLICT (key_id) DO NOTHING""",
                event.keyHash(), event.keyId(), event.tenantId(),
                Role.wireNames(event.roles()),
                event.expiresAt() == null ? null : Timestamp.from(event.expiresAt()));
    }

    @EventHandler
    void on(ApiKeyRevokedEvent event) {
        jdbc.update("UPDATE auth_api_key SET status = 'REVOKED' WHERE key_id = ?", event.keyId());
    }

    @EventHandler
    void on(ApiKeyExpiredEvent event) {
        jdbc.update("UPDATE auth_api_key SET status = 'EXPIRED' WHERE key_id = ?", event.keyId());
    }
}
