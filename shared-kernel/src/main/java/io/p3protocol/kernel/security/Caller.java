package io.p3protocol.kernel.security;

import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.errors.UnknownAggregate;

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
    /** The servlet request attribute under which the authentication filter leaves the caller. */
    public static final String REQUEST_ATTRIBUTE = "p3.caller";

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

    /**
     * A guardian key acting inside {@code targetTenantId} under grant {@code grantId}: scoped to the target like
     * one of its own keys, with the grant's roles, and named as a guardian in every event it causes.
     */
    public static Caller guardian(String keyId, String targetTenantId, Set<Role> roles, String grantId) {
        return new Caller("guardian:" + grantId + "/key:" + keyId, keyId, targetTenantId, roles, false);
    }

    /** True when the caller holds {@code required} or a stronger role. */
    public boolean has(Role required) {
        return platformAdmin || roles.stream().anyMatch(r -> r.covers(required));
    }

    /** True when the caller may see or change data of {@code tenant}. */
    public boolean canAccessTenant(String tenant) {
        return platformAdmin || (tenantId != null && tenantId.equals(tenant));
    }

    /** Refuses with 403 {@code forbidden} unless the caller holds {@code required} or stronger. */
    public void requireRole(Role required) {
        if (!has(required)) {
            throw new AccessDenied("forbidden", "This operation needs the '" + required.wireName() + "' role.");
        }
    }

    /** Refuses with 403 {@code forbidden} unless the caller is the platform admin. */
    public void requirePlatformAdmin() {
        if (!platformAdmin) {
            throw new AccessDenied("forbidden", "This operation needs the platform-admin key.");
        }
    }

    /**
     * Refuses unless the caller may act on {@code tenant} with {@code required}. Another tenant's data is reported
     * as not found, so a key cannot learn which tenant ids exist.
     */
    public void requireTenant(String tenant, Role required) {
        if (!canAccessTenant(tenant)) {
            throw new UnknownAggregate("tenant_not_found", "no tenant " + tenant);
        }
        requireRole(required);
    }

    /** The tenant a tenant-scoped read is limited to: the key's own, or {@code requested} for the platform admin. */
    public String scopeTenant(String requested) {
        if (platformAdmin) {
            return requested;
        }
        if (requested != null && !requested.equals(tenantId)) {
            throw new UnknownAggregate("tenant_not_found", "no tenant " + requested);
        }
        return tenantId;
    }
}
