package io.p3protocol.kernel.policy;

/** One tenant's policy, answered with a {@link TenantPolicyView}. Scoping is the asker's job. */
public record FindTenantPolicy(String tenantId) {
}
