package io.p3protocol.command.vault;

import javax.crypto.SecretKey;
import java.util.Optional;

/**
 * Where the per-version keys of secret values live: outside the append-only event store, in storage whose rows
 * can really be deleted, so that erasing a key makes every ciphertext sealed with it undecryptable for good while
 * the events that carry that ciphertext stay. The production store keeps each key wrapped by the tenant's data
 * key (see {@code JdbcVersionKeyStore}).
 */
public interface VersionKeyStore {
    void put(String tenantId, String name, int version, SecretKey key);

    /** The version's key, or empty once it has been erased (or never existed). */
    Optional<SecretKey> find(String tenantId, String name, int version);

    void erase(String tenantId, String name, int version);

    void eraseAll(String tenantId, String name);
}
