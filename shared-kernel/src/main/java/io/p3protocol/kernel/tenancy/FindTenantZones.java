package io.p3protocol.kernel.tenancy;

/**
 * Placed tenants, oldest placement first, answered with a {@link TenantZoneList}. Every non-null filter applies: they
 * are combined by AND (the original let the region filter replace the provider filter).
 *
 * @param onlyTenantId a tenant key's own tenant; null for the platform admin (every tenant)
 * @param provider     only this provider, or null
 * @param region       only this region, or null
 */
public record FindTenantZones(String onlyTenantId, String provider, String region) {
}
