package io.p3protocol.kernel.tenancy;

import java.time.Instant;

/** A placed tenant, as listed by {@link FindTenantZones}. */
public record TenantZoneView(String tenantId, String provider, String region, Instant placedAt, String placedBy) {
}
