package io.p3protocol.kernel.vault;

/**
 * In-process access to a tenant's current secret value, for services that key their own cryptography on a vault
 * secret (telemetry hashes with {@code IP_SALT}, TURN credentials with {@code TURN_CREDENTIAL}).
 *
 * <p>This is not a route and records no reveal event: the value never leaves the process. Callers must not log,
 * persist or return it. The vault implements it; callers may call it per request, so the implementation caches
 * and invalidates on rotation and destruction.
 */
public interface SecretValues {

    /**
     * The current version of the tenant's secret {@code name}. When the tenant has none yet, a managed kind is
     * first stored with a generated value (an event like any other store, with actor {@code system}); a custom
     * name without a stored value is an {@link io.p3protocol.kernel.errors.UnknownAggregate}.
     */
    CurrentSecret currentOrGenerate(String tenantId, String name);

    /** One version of a secret's value. {@code version} changes on every rotation, so it names a key epoch. */
    record CurrentSecret(String name, int version, byte[] value) {
        @Override
        public String toString() {
            return "CurrentSecret[name=" + name + ", version=" + version + ", value=<redacted>]";
        }
    }
}
