package io.p3protocol.kernel.tenancy;

/**
 * Subscription query: a {@link TenantSummary} update for every tenant created from now on. Its initial result is
 * empty.
 *
 * @param onlyTenantId the one tenant a tenant key may hear about; null (platform admin) hears about every tenant
 */
public record WatchTenantCreations(String onlyTenantId) {

    /** True when a creation of {@code tenantId} is meant for this subscriber. */
    public boolean covers(String tenantId) {
        return onlyTenantId == null || onlyTenantId.equals(tenantId);
    }
}
