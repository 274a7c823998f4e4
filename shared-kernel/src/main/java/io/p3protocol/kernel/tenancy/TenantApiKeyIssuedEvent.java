package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.messaging.TenantScoped;

/**
 * The tenant issued key {@code keyId}. Recorded in the tenant's own stream, so the tenant remembers its keys when it
 * is loaded (the key's own history, starting with ApiKeyIssuedEvent, is in the key's stream).
 */
public record TenantApiKeyIssuedEvent(String tenantId, String keyId) implements TenantScoped {
}
