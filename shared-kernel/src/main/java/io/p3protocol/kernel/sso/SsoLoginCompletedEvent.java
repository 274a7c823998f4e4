package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.TenantScoped;

/** The login succeeded: {@code identityId} signed in and got the session key {@code keyId}. */
public record SsoLoginCompletedEvent(String loginId, String tenantId, String providerId, String identityId,
                                     String keyId) implements TenantScoped {
}
