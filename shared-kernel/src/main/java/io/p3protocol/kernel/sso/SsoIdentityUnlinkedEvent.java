package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.TenantScoped;

public record SsoIdentityUnlinkedEvent(String identityId, String tenantId) implements TenantScoped {
}
