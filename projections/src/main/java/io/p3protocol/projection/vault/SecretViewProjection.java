package io.p3protocol.projection.vault;

import io.p3protocol.kernel.vault.ManagedSecretKind;
import io.p3protocol.kernel.vault.SecretDestroyedEvent;
import io.p3protocol.kernel.vault.SecretExpiredEvent;
import io.p3protocol.kernel.vault.SecretExpiringSoonEvent;
import io.p3protocol.kernel.vault.SecretRotatedEvent;
import io.p3protocol.kernel.vault.SecretStatus;
import io.p3protocol.kernel.vault.SecretStoredEvent;
import io.p3protocol.projection.support.EventSavepoints;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * {@code secret_view}: secrets' metadata for GraphQL and the expiry gauge (never a value, never ciphertext).
 * Replayable streaming processor; every write is idempotent (a version only ever moves forward, and the status
 * events name the version they concern, so a late or repeated one cannot mark a newer version).
 */
@Component
@ProcessingGroup(SecretViewProjection.PROCESSING_GROUP)
public class SecretViewProjection {
    public static final String PROCESSING_GROUP = "vault-views";

    private final JdbcTemplate jdbc;
    private final EventSavepoints savepoints;

    public SecretViewProjection(JdbcTemplate jdbc, EventSavepoints savepoints) {
        this.jdbc = jdbc;
        this.savepoints = savepoints;
    }

    @MessageHandlerInterceptor(messageType = EventMessage.class)
    Object oneSavepointPerEvent(InterceptorChain chain) throws Exception {
        return savepoints.around(PROCESSING_GROUP, chain);
    }

    @EventHandler
    void on(SecretStoredEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO secret_view (tenant_id, name, managed, version, created_at, last_rotated_at,
                                         rotation_count, expires_at, status, updated_at)
                VALUES (?, ?, ?, ?, ?, NULL, 0, ?, 'ACTIVE', ?)
                ON CONFLICT (tenant_id, name) DO UPDATE SET version = EXCLUDED.version,
                    created_at = EXCLUDED.created_at, last_rotated_at = NULL, rotation_count = 0,
                    expires_at = EXCLUDED.expires_at, status = 'ACTIVE', updated_at = EXCLUDED.updated_at
                WHERE secret_view.version < EXCLUDED.version""",
                event.tenantId(), event.name(), ManagedSecretKind.of(event.name()).isPresent(), event.version(),
                ts(at), ts(event.expiresAt()), ts(at));
    }

    @EventHandler
    void on(SecretRotatedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                UPDATE secret_view SET version = ?, last_rotated_at = ?, rotation_count = ?, expires_at = ?,
                    status = 'ACTIVE', updated_at = ?
                WHERE tenant_id = ? AND name = ? AND version < ?""",
                event.version(), ts(at), event.rotationCount(), ts(event.expiresAt()), ts(at),
                event.tenantId(), event.name(), event.version());
    }

    @EventHandler
    void on(SecretExpiringSoonEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                UPDATE secret_view SET status = ?, updated_at = ?
                WHERE tenant_id = ? AND name = ? AND version = ? AND status = 'ACTIVE'""",
                SecretStatus.EXPIRING.name(), ts(at), event.tenantId(), event.name(), event.version());
    }

    @EventHandler
    void on(SecretExpiredEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                UPDATE secret_view SET status = ?, updated_at = ?
                WHERE tenant_id = ? AND name = ? AND version = ? AND status IN ('ACTIVE', 'EXPIRING')""",
                SecretStatus.EXPIRED.name(), ts(at), event.tenantId(), event.name(), event.version());
    }

    @EventHandler
    void on(SecretDestroyedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                UPDATE secret_view SET status = ?, updated_at = ?
                WHERE tenant_id = ? AND name = ? AND version = ?""",
                SecretStatus.DESTROYED.name(), ts(at), event.tenantId(), event.name(), event.lastVersion());
    }

    @ResetHandler
    void onReset() {
        jdbc.update("TRUNCATE secret_view");
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
