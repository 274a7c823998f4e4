package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.TenantScoped;

/** A refused login. {@code tenantId}/{@code providerId} are null for a state nobody issued. Never holds a token. */
public record SsoLoginRejectedEvent(String loginId, String tenantId, String providerId, SsoRejectionReason reason,
                                    String detail) implements TenantScoped {
}
