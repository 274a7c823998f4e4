package io.p3protocol.kernel.guardian;

import io.p3protocol.kernel.messaging.TenantScoped;
import io.p3protocol.kernel.security.Role;

import java.time.Instant;
import java.util.Set;

/**
 * A guardian grant, told to each tenant it concerns. It is recorded once in the guardian's own tenant
 * ({@code tenantId == guardianTenantId}, naming every target) and once in each target tenant, naming only that
 * target, so a tenant's audit trail shows who may reach into it without revealing the other targets.
 */
public record GuardianScopeGrantedEvent(String grantId, String tenantId, String guardianKeyId,
                                        String guardianTenantId, Set<String> targetTenantIds, Set<Role> roles,
                                        Instant expiresAt) implements TenantScoped {
    public GuardianScopeGrantedEvent {
        targetTenantIds = Set.copyOf(targetTenantIds);
        roles = Set.copyOf(roles);
    }

    /** True for the copy recorded in the guardian's own tenant, the one that names every target. */
    public boolean isGuardianCopy() {
        return tenantId.equals(guardianTenantId);
    }
}
