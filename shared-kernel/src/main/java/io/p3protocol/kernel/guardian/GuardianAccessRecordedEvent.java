package io.p3protocol.kernel.guardian;

import io.p3protocol.kernel.messaging.TenantScoped;

/**
 * A guardian crossed into another tenant. Recorded twice, in the same transaction: once in the target tenant and
 * once in the guardian's own tenant ({@code tenantId} says which copy this is), so both audit exports show it.
 */
public record GuardianAccessRecordedEvent(String grantId, String tenantId, String guardianKeyId,
                                          String guardianTenantId, String targetTenantId, String operation)
        implements TenantScoped {
}
