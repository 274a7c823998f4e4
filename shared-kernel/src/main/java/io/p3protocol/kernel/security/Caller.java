package io.p3protocol.kernel.security;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as established from the credential. Surfaces never take the tenant from a request body:
 * they take it from here.
 *
 * @param actor         the principal recorded in event metadata
 * @param keyId         the API key id, or null for the platform admin
 * @param tenantId      the tenant the key belongs to, or null for the platform admin
 * @param roles         the key's roles
 * @param platformAdmin true for the platform-admin key, which may act on every tenant
 */
public record Caller(String actor, String keyId, String tenantId, Set<Role> roles, boolean platformAdmin) {

    public static final String PLATFORM_ADMIN_ACTOR = "platform-admin";

    public Caller {
        Objects.requireNonNull(actor, "actor");
        roles = Set.copyOf(roles);
    }

    public static Caller forPlatformAdmin() {
        return new Caller(PLATFORM_ADMIN_ACTOR, null, null, Set.of(Role.ADMIN), true);
    }

    public static Caller tenantKey(String keyId, String tenantId, Set<Role> roles) {
        return new Caller("key:" + keyId, keyId, tenantId, roles, false);
    }

    /** True when the caller holds {@code required} or a stronger role. */
    public boolean has(Role required) {
        return platformAdmin || roles.stream().anyMatch(r -> r.covers(required));
    }

    /** True when the caller may see or change data of {@code tenant}. */
    public boolean canAccessTenant(String tenant) {
        return platformAdmin || (tenantId != null && tenantId.equals(tenant));
    }
}
