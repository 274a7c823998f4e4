package io.p3protocol.command.vault.keys;

import io.p3protocol.command.vault.VersionKeyStore;
import io.p3protocol.kernel.crypto.Aad;
import io.p3protocol.kernel.crypto.AesGcm;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.util.List;
import java.util.Optional;

/**
 * Version keys in {@code vault_secret_key}, each wrapped (AES-256-GCM) by its tenant's data key with AAD binding
 * tenant, name and version. Writes join the command's transaction (the JdbcTemplate shares Axon's Spring-managed
 * connection), so a key is stored, or erased, exactly when the event that needs it is appended.
 */
@Component
public class JdbcVersionKeyStore implements VersionKeyStore {
    private static final String PURPOSE = "p3-vault/secret-version-key/v1";

    private final JdbcTemplate jdbc;
    private final TenantDataKeys tenantKeys;

    public JdbcVersionKeyStore(JdbcTemplate jdbc, TenantDataKeys tenantKeys) {
        this.jdbc = jdbc;
        this.tenantKeys = tenantKeys;
    }

    /**
     * A version already keyed means a concurrent command (on another node) decided the same version first: that is a
     * lost race on the secret, answered as one (409, and the vault's own generation reads the winner's value).
     */
    @Override
    public void put(String tenantId, String name, int version, SecretKey key) {
        byte[] wrapped = AesGcm.seal(tenantKeys.forTenant(tenantId), key.getEncoded(), aad(tenantId, name, version));
        try {
            jdbc.update("INSERT INTO vault_secret_key (tenant_id, name, version, wrapped_key) VALUES (?, ?, ?, ?)",
                    tenantId, name, version, wrapped);
        } catch (DuplicateKeyException takenConcurrently) {
            throw new ConcurrencyException("version " + version + " of secret " + name
                    + " was stored by a concurrent change first", takenConcurrently);
        }
    }

    @Override
    public Optional<SecretKey> find(String tenantId, String name, int version) {
        List<byte[]> wrapped = jdbc.queryForList(
                "SELECT wrapped_key FROM vault_secret_key WHERE tenant_id = ? AND name = ? AND version = ?",
                byte[].class, tenantId, name, version);
        if (wrapped.isEmpty()) {
            return Optional.empty();
        }
        byte[] raw = AesGcm.open(tenantKeys.forTenant(tenantId), wrapped.get(0), aad(tenantId, name, version));
        try {
            return Optional.of(AesGcm.key(raw));
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    @Override
    public void erase(String tenantId, String name, int version) {
        jdbc.update("DELETE FROM vault_secret_key WHERE tenant_id = ? AND name = ? AND version = ?",
                tenantId, name, version);
    }

    @Override
    public void eraseAll(String tenantId, String name) {
        jdbc.update("DELETE FROM vault_secret_key WHERE tenant_id = ? AND name = ?", tenantId, name);
    }

    private static byte[] aad(String tenantId, String name, int version) {
        return Aad.of(PURPOSE, tenantId, name, Integer.toString(version));
    }
}
