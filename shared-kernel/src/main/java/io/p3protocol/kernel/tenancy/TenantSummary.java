package io.p3protocol.kernel.tenancy;

import java.time.Instant;

/**
 * A tenant as the read model {@code tenant_view} holds it.
 *
 * @param listPosition the global index of the tenant's creation event: the stable order of tenant lists
 */
public record TenantSummary(String tenantId, String name, TenantStatus status, Instant createdAt, String createdBy,
                            Instant updatedAt, long listPosition) {
}
