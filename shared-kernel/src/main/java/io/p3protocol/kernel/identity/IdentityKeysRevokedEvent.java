package io.p3protocol.kernel.identity;

import io.p3protocol.kernel.messaging.TenantScoped;

/** A wallet's keys were revoked. */
public record IdentityKeysRevokedEvent(String identityId, String tenantId, String wallet, String reason)
        implements TenantScoped {
}
