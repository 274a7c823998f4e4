package io.p3protocol.kernel.tenancy;

/**
 * One page of tenants in creation order, answered with a {@link TenantPage}.
 *
 * @param onlyTenantId  limits the page to this tenant (a tenant key's view); null lists every tenant
 * @param afterPosition list only tenants after this list position; null starts at the beginning
 * @param limit         at most this many tenants
 */
public record FindTenantsPage(String onlyTenantId, Long afterPosition, int limit) {
}
