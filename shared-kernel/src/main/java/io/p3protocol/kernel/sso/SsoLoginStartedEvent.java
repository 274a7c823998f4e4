package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.TenantScoped;

import java.time.Instant;

/**
 * A login began. {@code loginId} is the SHA-256 of the OIDC state or of the SAML AuthnRequest ID; {@code nonceHash}
 * is null for SAML. {@code protocol} is the provider's type; null in events recorded before SAML existed, which
 * were all OIDC.
 */
public record SsoLoginStartedEvent(String loginId, String providerId, String tenantId, String nonceHash,
                                   Instant expiresAt, SsoProviderType protocol) implements TenantScoped {
    public SsoLoginStartedEvent(String loginId, String providerId, String tenantId, String nonceHash, Instant expiresAt) {
        this(loginId, providerId, tenantId, nonceHash, expiresAt, SsoProviderType.OIDC);
    }

    /** The protocol that may finish this login. */
    public SsoProviderType effectiveProtocol() {
        return protocol == null ? SsoProviderType.OIDC : protocol;
    }
}
