package io.p3protocol.kernel.apikeys;

/**
 * Subscription query: an {@link ApiKeySummary} update for every key issued from now on. Its initial result is
 * empty.
 *
 * @param onlyTenantId only keys of this tenant; null (platform admin without a filter) hears about every key
 */
public record WatchApiKeyIssues(String onlyTenantId) {

    /** True when a key issued for {@code tenantId} is meant for this subscriber. */
    public boolean covers(String tenantId) {
        return onlyTenantId == null || onlyTenantId.equals(tenantId);
    }
}
