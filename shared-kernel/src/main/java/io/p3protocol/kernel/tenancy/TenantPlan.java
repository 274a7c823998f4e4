package io.p3protocol.kernel.tenancy;

import java.time.Instant;

/**
 * A tenant's tier and zone as the read models hold them; null values when never set.
 */
public record TenantPlan(String tenantId, Tier tier, Instant tierChangedAt, String tierChangedBy, Zone zone,
                         Instant zoneChangedAt, String zoneChangedBy) {
}
