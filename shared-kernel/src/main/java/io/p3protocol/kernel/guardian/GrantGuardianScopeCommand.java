package io.p3protocol.kernel.guardian;

import io.p3protocol.kernel.security.Role;

import java.time.Instant;
import java.util.Set;

/**
 * Give one tenant key (the guardian) a scope over other tenants, until {@code expiresAt}. Issued by the platform
 * admin; the key and the tenants have been checked to exist.
 *
 * @param roles the roles the guardian acts with inside a target tenant (each covered by the key's own roles)
 */
public record GrantGuardianScopeCommand(String grantId, String guardianKeyId, String guardianTenantId,
                                        Set<String> targetTenantIds, Set<Role> roles, Instant expiresAt) {
    public GrantGuardianScopeCommand {
        targetTenantIds = Set.copyOf(targetTenantIds);
        roles = Set.copyOf(roles);
    }
}
