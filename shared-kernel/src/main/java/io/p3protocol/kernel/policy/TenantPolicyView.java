package io.p3protocol.kernel.policy;

import java.time.Instant;

/**
 * A tenant's policy as the read model holds it; {@link TenantPolicy#DEFAULT} with null {@code updatedAt} and
 * {@code updatedBy} for a tenant whose policy was never set.
 */
public record TenantPolicyView(String tenantId, TenantPolicy policy, Instant updatedAt, String updatedBy) {
}
