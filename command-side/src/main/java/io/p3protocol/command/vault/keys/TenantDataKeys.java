package io.p3protocol.command.vault.keys;

import io.p3protocol.kernel.crypto.Aad;
import io.p3protocol.kernel.crypto.AesGcm;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.crypto.SecretKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One AES-256 data key per tenant, stored only wrapped (AES-256-GCM, AAD = tenant and master generation) by the
 * master key, once per live master generation. Readers unwrap with the newest generation this node holds, so
 * wraps can be added (rotation) and removed (retirement) while the vault keeps working.
 * <p>
 * Unwrapped keys are cached in memory, but only once the transaction that read or created them has committed: a
 * key created by a command that then rolled back must not outlive it.
 */
@Component
public class TenantDataKeys {
    private static final String PURPOSE = "p3-vault/tenant-data-key/v1";

    private final JdbcTemplate jdbc;
    private final MasterKeys masterKeys;
    private final Map<String, SecretKey> cache = new ConcurrentHashMap<>();

    public TenantDataKeys(JdbcTemplate jdbc, MasterKeys masterKeys) {
        this.jdbc = jdbc;
        this.masterKeys = masterKeys;
    }

    /** The tenant's data key, created (and wrapped under every master generation this node holds) on first use. */
    public SecretKey forTenant(String tenantId) {
        SecretKey cached = cache.get(tenantId);
        if (cached != null) {
            return cached;
        }
        SecretKey key = read(tenantId);
        if (key == null) {
            key = create(tenantId);
        }
        cacheAfterCommit(tenantId, key);
        return key;
    }

    private SecretKey read(String tenantId) {
        // One statement, so one snapshot: a key row another node has just committed comes with its wraps (they commit
        // together). Asking for the wraps first and for the row in a second statement could see the row but not the
        // wraps, when that node committed in between, and take a fresh key for one without a usable wrap.
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT w.master_generation, w.wrapped_key FROM vault_tenant_key k
                LEFT JOIN vault_tenant_key_wrap w ON w.tenant_id = k.tenant_id WHERE k.tenant_id = ?""", tenantId);
        if (rows.isEmpty()) {
            return null;
        }
        Map<Integer, byte[]> wraps = new HashMap<>();
        for (Map<String, Object> row : rows) {
            if (row.get("master_generation") instanceof Number generation) {
                wraps.put(generation.intValue(), (byte[]) row.get("wrapped_key"));
            }
        }
        for (int generation : masterKeys.knownGenerations()) { // newest first
            byte[] wrapped = wraps.get(generation);
            if (wrapped != null) {
                return unwrap(tenantId, generation, wrapped);
            }
        }
        throw new IllegalStateException("the data key of tenant " + tenantId + " is not wrapped under any master "
                + "key generation this node holds " + masterKeys.knownGenerations()
                + "; finish the master-key rotation on the node that holds both keys (docs/security.md)");
    }

    private SecretKey create(String tenantId) {
        int claimed = jdbc.update("INSERT INTO vault_tenant_key (tenant_id) VALUES (?) ON CONFLICT DO NOTHING",
                tenantId);
        if (claimed == 0) { // another transaction created it and has committed (the insert waited for it)
            SecretKey other = read(tenantId);
            if (other == null) {
                throw new IllegalStateException("tenant data key of " + tenantId + " vanished while being created");
            }
            return other;
        }
        SecretKey key = AesGcm.newKey();
        for (int generation : masterKeys.knownGenerations()) {
            insertWrap(tenantId, generation, masterKeys.key(generation).orElseThrow(), key);
        }
        return key;
    }

    /** Adds the wrap of {@code key} under {@code generation}'s {@code master} key unless one exists; true when added. */
    boolean insertWrap(String tenantId, int generation, SecretKey master, SecretKey key) {
        // Never under a retired generation: a node that has not heard of a retirement must not revive its wraps.
        return jdbc.update("""
                INSERT INTO vault_tenant_key_wrap (tenant_id, master_generation, wrapped_key)
                SELECT ?, generation, ? FROM vault_master_key WHERE generation = ? AND retired_at IS NULL
                ON CONFLICT DO NOTHING""",
                tenantId, AesGcm.seal(master, key.getEncoded(), aad(tenantId, generation)), generation) == 1;
    }

    SecretKey unwrap(String tenantId, int generation, byte[] wrapped) {
        SecretKey master = masterKeys.key(generation).orElseThrow(() ->
                new IllegalStateException("this node does not hold master key generation " + generation));
        byte[] raw = AesGcm.open(master, wrapped, aad(tenantId, generation));
        try {
            return AesGcm.key(raw);
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    private void cacheAfterCommit(String tenantId, SecretKey key) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.putIfAbsent(tenantId, key);
                }
            });
        } else {
            cache.putIfAbsent(tenantId, key);
        }
    }

    private static byte[] aad(String tenantId, int generation) {
        return Aad.of(PURPOSE, tenantId, Integer.toString(generation));
    }
}
