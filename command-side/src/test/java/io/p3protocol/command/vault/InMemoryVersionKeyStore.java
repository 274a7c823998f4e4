package io.p3protocol.command.vault;

import javax.crypto.SecretKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The key store of the fixture tests: real keys, kept in a map instead of the wrapped-key table. */
final class InMemoryVersionKeyStore implements VersionKeyStore {
    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();

    @Override
    public void put(String tenantId, String name, int version, SecretKey key) {
        keys.put(id(tenantId, name, version), key);
    }

    @Override
    public Optional<SecretKey> find(String tenantId, String name, int version) {
        return Optional.ofNullable(keys.get(id(tenantId, name, version)));
    }

    @Override
    public void erase(String tenantId, String name, int version) {
        keys.remove(id(tenantId, name, version));
    }

    @Override
    public void eraseAll(String tenantId, String name) {
        keys.keySet().removeIf(id -> id.startsWith(tenantId + "/" + name + "#"));
    }

    boolean holds(String tenantId, String name, int version) {
        return keys.containsKey(id(tenantId, name, version));
    }

    private static String id(String tenantId, String name, int version) {
        return tenantId + "/" + name + "#" + version;
    }
}
