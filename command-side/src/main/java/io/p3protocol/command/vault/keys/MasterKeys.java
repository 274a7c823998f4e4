package io.p3protocol.command.vault.keys;

import io.p3protocol.kernel.crypto.Aad;
import io.p3protocol.kernel.crypto.AesGcm;
import io.p3protocol.kernel.crypto.Pbkdf2;
import io.p3protocol.kernel.crypto.SealedBoxRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The master keys this node holds, by generation. A master key is PBKDF2-HMAC-SHA256 ({@link Pbkdf2#MIN_ITERATIONS}
 * iterations) of the passphrase over the generation's random salt; it is never stored. Each generation row keeps a
 * key check (an AES-GCM box of a fixed text under the key), so at start the node finds the generation its
 * passphrase opens, and refuses to start when it opens none: a wrong {@code P3_MASTER_KEY} is a start-up error,
 * not a stream of undecryptable secrets later.
 * <p>
 * Normally a node holds one generation. The node that rotates the master key holds the old and the new one until
 * it restarts, which is what lets it re-wrap.
 */
@Component
public class MasterKeys {
    private static final Logger log = LoggerFactory.getLogger(MasterKeys.class);
    private static final byte[] CHECK_TEXT = "p3 vault master key check".getBytes(StandardCharsets.US_ASCII);

    private final JdbcTemplate jdbc;
    private final NavigableMap<Integer, SecretKey> known = new ConcurrentSkipListMap<>();

    public MasterKeys(JdbcTemplate jdbc, MasterKeySource source) {
        this.jdbc = jdbc;
        char[] passphrase = source.passphrase();
        try {
            adoptOrCreate(passphrase, source.configured() ? "P3_MASTER_KEY" : "the master key file " + source.file());
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
    }

    record Generation(int generation, byte[] salt, int iterations, byte[] check) {
    }

    private void adoptOrCreate(char[] passphrase, String origin) {
        List<Generation> live = liveGenerations();
        if (live.isEmpty() && !anyGenerationEverExisted()) {
            Generation first = newGeneration(1, passphrase);
            int inserted = jdbc.update("""
                    INSERT INTO vault_master_key (generation, kdf_salt, kdf_iterations, key_check)
                    VALUES (?, ?, ?, ?) ON CONFLICT (generation) DO NOTHING""",
                    first.generation(), first.salt(), first.iterations(), first.check());
            if (inserted == 1) {
                known.put(1, derive(passphrase, first));
                log.info("Vault master key generation 1 created (PBKDF2-HMAC-SHA256, {} iterations)", first.iterations());
                return;
            }
            live = liveGenerations(); // another node created it first: adopt it below if the passphrase matches
        }
        for (Generation generation : live) { // newest first
            SecretKey key = derive(passphrase, generation);
            if (opensCheck(key, generation)) {
                known.put(generation.generation(), key);
                log.info("Vault master key generation {} opened with {}", generation.generation(), origin);
                return;
            }
        }
        throw new IllegalStateException("The vault master passphrase from " + origin + " opens none of the live "
                + "master key generations in the database. Every node sharing a database needs the same P3_MASTER_KEY "
                + "(after a master-key rotation: the new one). See docs/security.md.");
    }

    /** A new generation's row for {@code passphrase}: fresh salt, derived key's check. */
    Generation newGeneration(int generation, char[] passphrase) {
        byte[] salt = Pbkdf2.newSalt();
        SecretKey key = Pbkdf2.deriveAes256(passphrase, salt, Pbkdf2.MIN_ITERATIONS);
        return new Generation(generation, salt, Pbkdf2.MIN_ITERATIONS,
                AesGcm.seal(key, CHECK_TEXT, checkAad(generation)));
    }

    SecretKey derive(char[] passphrase, Generation generation) {
        return Pbkdf2.deriveAes256(passphrase, generation.salt(), generation.iterations());
    }

    /** The generations not retired, newest first. */
    List<Generation> liveGenerations() {
        return jdbc.query("""
                SELECT generation, kdf_salt, kdf_iterations, key_check FROM vault_master_key
                WHERE retired_at IS NULL ORDER BY generation DESC""",
                (rs, i) -> new Generation(rs.getInt(1), rs.getBytes(2), rs.getInt(3), rs.getBytes(4)));
    }

    private boolean anyGenerationEverExisted() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM vault_master_key)", Boolean.class));
    }

    private static boolean opensCheck(SecretKey key, Generation generation) {
        try {
            AesGcm.open(key, generation.check(), checkAad(generation.generation()));
            return true;
        } catch (SealedBoxRejected wrongKey) {
            return false;
        }
    }

    private static byte[] checkAad(int generation) {
        return Aad.of("p3-vault/master-key-check/v1", Integer.toString(generation));
    }

    /** The newest generation this node holds: the one new wraps are made under. */
    public int currentGeneration() {
        return known.lastKey();
    }

    public Optional<SecretKey> key(int generation) {
        return Optional.ofNullable(known.get(generation));
    }

    /** The generations this node holds, newest first. */
    public List<Integer> knownGenerations() {
        return List.copyOf(Collections.unmodifiableNavigableSet(known.descendingKeySet()));
    }

    /** After a rotation committed: this node now also holds {@code generation}. */
    void adopt(int generation, SecretKey key) {
        known.put(generation, key);
    }

    /** After a retirement committed: generations below {@code generation} are gone. */
    void forgetOlderThan(int generation) {
        known.headMap(generation, false).clear();
    }
}
