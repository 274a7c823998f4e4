package io.p3protocol.kernel.tenancy;

import java.util.List;

/**
 * @param tenants     in list-position order
 * @param hasPrevious whether tenants exist before the page's start (within the same scope)
 * @param hasMore     whether tenants exist after the page's end (within the same scope)
 */
public record TenantPage(List<TenantSummary> tenants, boolean hasPrevious, boolean hasMore) {
    public TenantPage {
        tenants = List.copyOf(tenants);
    }
}
