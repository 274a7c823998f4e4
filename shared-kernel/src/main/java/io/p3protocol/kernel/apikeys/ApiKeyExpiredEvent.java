package io.p3protocol.kernel.apikeys;

import io.p3protocol.kernel.messaging.TenantScoped;
import java.time.Instant;

/** A key reached its expiry instant. */
public record ApiKeyExpiredEvent(String keyId, String tenantId, Instant expiredAt) implements TenantScoped {
}
