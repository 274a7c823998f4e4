package io.p3protocol.kernel.guardian;

/**
 * The guardian grants that concern {@code tenantId} (as guardian or as target), or every grant when it is null
 * (platform admin).
 */
public record FindGuardianGrants(String tenantId) {
}
