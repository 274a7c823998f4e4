package io.p3protocol.projection.vault;

import io.p3protocol.kernel.vault.SecretDestroyedEvent;
import io.p3protocol.kernel.vault.SecretRotatedEvent;
import io.p3protocol.kernel.vault.SecretStoredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code vault_secret_current}: each live secret's current version and sealed value. A subscribing processor, so
 * the row changes in the transaction that appends the event: in-process readers on every node see a rotation or
 * a destroy the moment it commits (see CachedSecretValues). Ciphertext only; the key is elsewhere.
 */
@Component
@ProcessingGroup(SecretCurrentProjection.PROCESSING_GROUP)
public class SecretCurrentProjection {
    public static final String PROCESSING_GROUP = "vault-current";

    private final JdbcTemplate jdbc;

    public SecretCurrentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SecretStoredEvent event) {
        upsert(event.tenantId(), event.name(), event.version(), event.sealedValue());
    }

    @EventHandler
    void on(SecretRotatedEvent event) {
        upsert(event.tenantId(), event.name(), event.version(), event.sealedValue());
    }

    @EventHandler
    void on(SecretDestroyedEvent event) {
        jdbc.update("DELETE FROM vault_secret_current WHERE tenant_id = ? AND name = ?", event.tenantId(), event.name());
    }

    private void upsert(String tenantId, String name, int version, byte[] sealedValue) {
        jdbc.update("""
                INSERT INTO vault_secret_current (tenant_id, name, version, sealed_value) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, name) DO UPDATE SET version = EXCLUDED.version,
                    sealed_value = EXCLUDED.sealed_value
                WHERE vault_secret_current.version < EXCLUDED.version""", tenantId, name, version, sealedValue);
    }
}
