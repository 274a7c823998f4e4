package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Start a login at the provider, which spawns the single-use {@code SsoLogin} {@code loginId} (the SHA-256 of the
 * state). Only hashes travel: the state and the nonce are the browser's, the PKCE verifier never leaves the server.
 */
public record StartSsoLoginCommand(@TargetAggregateIdentifier String providerId, String tenantId, String loginId,
                                   String nonceHash, Instant expiresAt) implements TenantScoped {
}
