package io.p3protocol.kernel.vault;

import io.p3protocol.kernel.messaging.TenantScoped;

import java.time.Instant;

/**
 * A TURN credential was issued with {@code TURN_CREDENTIAL} version {@code secretVersion}. The username is public
 * (it goes to the TURN server in clear); the credential is not recorded.
 */
public record TurnCredentialIssuedEvent(String tenantId, String username, Instant expiresAt, int secretVersion)
        implements TenantScoped {
}
