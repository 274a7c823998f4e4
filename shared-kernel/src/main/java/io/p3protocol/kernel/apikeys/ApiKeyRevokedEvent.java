package io.p3protocol.kernel.apikeys;

import io.p3protocol.kernel.messaging.TenantScoped;

/** A key was revoked and stops working at once. */
public record ApiKeyRevokedEvent(String keyId, String tenantId, String reason) implements TenantScoped {
}
