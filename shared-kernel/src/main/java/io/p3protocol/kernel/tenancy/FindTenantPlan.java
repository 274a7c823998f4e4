package io.p3protocol.kernel.tenancy;

/** One tenant's tier and zone, answered with a {@link TenantPlan}. Scoping is the asker's job. */
public record FindTenantPlan(String tenantId) {
}
