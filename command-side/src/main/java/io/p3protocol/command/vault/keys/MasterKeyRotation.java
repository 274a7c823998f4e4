package io.p3protocol.command.vault.keys;

import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import java.util.Arrays;
import java.util.List;

/**
 * Online master-key rotation, in two steps (docs/security.md):
 * <ol>
 *   <li>{@link #rotate}: a new generation (new passphrase, new salt); every tenant data key gets a second wrap under
 *       it. No secret value is re-encrypted and no existing wrap changes, so every node keeps reading with the
 *       generation it holds. This node holds both from now on; in file mode the new passphrase replaces
 *       {@code master.key} once the database has committed.</li>
 *   <li>{@link #retirePrevious}: once every node runs with the new passphrase, the older generations' wraps are
 *       deleted and the generations marked retired: the old passphrase then opens nothing. Data keys created
 *       meanwhile by a node that held only the old generation are wrapped under the new one first (this needs the
 *       node that rotated, which holds both); if that is impossible the retirement is refused and changes nothing.</li>
 * </ol>
 */
@Component
public class MasterKeyRotation {
    private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);
    static final int MIN_PASSPHRASE_LENGTH = 32;

    private final JdbcTemplate jdbc;
    private final MasterKeys masterKeys;
    private final MasterKeySource source;
    private final TenantDataKeys tenantKeys;
    private final TransactionTemplate transaction;

    public MasterKeyRotation(JdbcTemplate jdbc, MasterKeys masterKeys, MasterKeySource source,
                             TenantDataKeys tenantKeys, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.masterKeys = masterKeys;
        this.source = source;
        this.tenantKeys = tenantKeys;
        this.transaction = new TransactionTemplate(transactions);
    }

    public record Rotated(int generation, int previousGeneration, int dataKeysWrapped) {
    }

    public record Retired(int generation, List<Integer> retiredGenerations, int dataKeysWrapped) {
    }

    public record Status(int nodeGeneration, List<Integer> nodeGenerations, List<GenerationInfo> generations,
                         boolean passphraseFromFile) {
    }

    public record GenerationInfo(int generation, java.time.Instant createdAt, java.time.Instant retiredAt,
                                 int wrappedDataKeys) {
    }

    /**
     * Adds a master generation. {@code newPassphrase} is required when the passphrase is {@code P3_MASTER_KEY} (the
     * operator sets it on every node afterwards) and refused in file mode, where the service generates one.
     */
    public synchronized Rotated rotate(char[] newPassphrase) {
        char[] passphrase = choosePassphrase(newPassphrase);
        int previous = masterKeys.currentGeneration();
        try {
            int next = jdbc.queryForObject("SELECT COALESCE(MAX(generation), 0) + 1 FROM vault_master_key", Integer.class);
            MasterKeys.Generation generation = masterKeys.newGeneration(next, passphrase);
            SecretKey newKey = masterKeys.derive(passphrase, generation);
            int wrapped;
            try {
                wrapped = transaction.execute(status -> {
                    jdbc.update("""
                            INSERT INTO vault_master_key (generation, kdf_salt, kdf_iterations, key_check)
                            VALUES (?, ?, ?, ?)""", next, generation.salt(), generation.iterations(), generation.check());
                    return wrapEveryDataKeyUnder(next, newKey);
                });
            } catch (DuplicateKeyException concurrent) {
                throw new DomainRuleViolation("master_key_rotation_in_progress",
                        "another node created master generation " + next + " at the same time; retry");
            }
            // Held only from the commit on: before it, a new tenant key wrapped under it would reference a
            // generation row no other transaction can see yet.
            masterKeys.adopt(next, newKey);
            if (!source.configured()) {
                source.replaceFilePassphrase(passphrase);
            }
            log.warn("Vault master key rotated to generation {} ({} data keys wrapped); retire generation {} once "
                    + "every node runs with the new passphrase", next, wrapped, previous);
            return new Rotated(next, previous, wrapped);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** Deletes the wraps of every generation older than this node's newest, after making sure none is needed. */
    public synchronized Retired retirePrevious() {
        int current = masterKeys.currentGeneration();
        int newestInDatabase = jdbc.queryForObject("SELECT MAX(generation) FROM vault_master_key", Integer.class);
        if (current != newestInDatabase) {
            throw new DomainRuleViolation("master_key_not_current", "this node holds master generation " + current
                    + " but the newest is " + newestInDatabase + "; retire from a node that holds the newest");
        }
        Retired retired = transaction.execute(status -> {
            int wrapped = wrapEveryDataKeyUnder(current, masterKeys.key(current).orElseThrow());
            List<String> unwrapped = jdbc.queryForList("""
                    SELECT tenant_id FROM vault_tenant_key k WHERE NOT EXISTS (SELECT 1 FROM vault_tenant_key_wrap w
                    WHERE w.tenant_id = k.tenant_id AND w.master_generation = ?)""", String.class, current);
            if (!unwrapped.isEmpty()) {
                status.setRollbackOnly();
                return null;
            }
            List<Integer> older = jdbc.queryForList("""
                    UPDATE vault_master_key SET retired_at = now() WHERE generation < ? AND retired_at IS NULL
                    RETURNING generation""", Integer.class, current);
            jdbc.update("DELETE FROM vault_tenant_key_wrap WHERE master_generation < ?", current);
            return new Retired(current, older.stream().sorted().toList(), wrapped);
        });
        if (retired == null) {
            throw new DomainRuleViolation("master_key_rewrap_incomplete", "some tenant data keys are wrapped only "
                    + "under master generations this node does not hold; retire from the node that rotated");
        }
        masterKeys.forgetOlderThan(current);
        log.warn("Vault master key generations {} retired; generation {} is the only one left", 
                retired.retiredGenerations(), current);
        return retired;
    }

    public Status status() {
        List<GenerationInfo> generations = jdbc.query("""
                SELECT m.generation, m.created_at, m.retired_at,
                       (SELECT count(*) FROM vault_tenant_key_wrap w WHERE w.master_generation = m.generation)
                FROM vault_master_key m ORDER BY m.generation""",
                (rs, i) -> new GenerationInfo(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getInt(4)));
        return new Status(masterKeys.currentGeneration(), masterKeys.knownGenerations(), generations,
                !source.configured());
    }

    /**
     * Wraps every tenant data key that has no wrap under {@code generation} yet, from the newest wrap this node can
     * open. Returns how many it wrapped. Keys it cannot open are left as they are.
     */
    private int wrapEveryDataKeyUnder(int generation, SecretKey master) {
        int wrapped = 0;
        List<String> missing = jdbc.queryForList("""
                SELECT tenant_id FROM vault_tenant_key k WHERE NOT EXISTS (SELECT 1 FROM vault_tenant_key_wrap w
                WHERE w.tenant_id = k.tenant_id AND w.master_generation = ?) ORDER BY tenant_id""",
                String.class, generation);
        for (String tenantId : missing) {
            SecretKey dataKey = openWithAnyHeldGeneration(tenantId, generation);
            if (dataKey != null && tenantKeys.insertWrap(tenantId, generation, master, dataKey)) {
                wrapped++;
            }
        }
        return wrapped;
    }

    private SecretKey openWithAnyHeldGeneration(String tenantId, int except) {
        for (int held : masterKeys.knownGenerations()) {
            if (held == except) {
                continue;
            }
            List<byte[]> wraps = jdbc.queryForList("""
                    SELECT wrapped_key FROM vault_tenant_key_wrap WHERE tenant_id = ? AND master_generation = ?""",
                    byte[].class, tenantId, held);
            if (!wraps.isEmpty()) {
                return tenantKeys.unwrap(tenantId, held, wraps.get(0));
            }
        }
        return null;
    }

    private char[] choosePassphrase(char[] given) {
        if (source.configured()) {
            if (given == null || given.length < MIN_PASSPHRASE_LENGTH) {
                throw InvalidInput.of("newMasterKey", "P3_MASTER_KEY is set, so the new master passphrase must be "
                        + "given, at least " + MIN_PASSPHRASE_LENGTH + " characters");
            }
            return given.clone();
        }
        if (given != null) {
            throw InvalidInput.of("newMasterKey", "the master passphrase lives in " + source.file()
                    + " and the service generates the new one; do not send one");
        }
        return MasterKeySource.generatePassphrase();
    }
}
