package io.p3protocol.kernel.tenancy;

/** One tenant by id, answered with an optional {@link TenantSummary}. Scoping is the asker's job. */
public record FindTenant(String tenantId) {
}
