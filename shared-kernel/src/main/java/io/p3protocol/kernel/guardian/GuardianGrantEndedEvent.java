package io.p3protocol.kernel.guardian;

import io.p3protocol.kernel.messaging.TenantScoped;

/**
 * A guardian grant stopped working, told to the guardian's tenant and to each target tenant.
 *
 * @param reason {@code revoked} or {@code expired}
 * @param detail the revoker's note, if any
 */
public record GuardianGrantEndedEvent(String grantId, String tenantId, String guardianKeyId, String guardianTenantId,
                                      String reason, String detail) implements TenantScoped {
    public static final String REVOKED = "revoked";
    public static final String EXPIRED = "expired";

    public boolean isGuardianCopy() {
        return tenantId.equals(guardianTenantId);
    }
}
