package io.p3protocol.kernel.vault;

import java.time.Instant;

/** A TURN REST credential (coturn {@code use-auth-secret}). The credential is redacted in {@link #toString()}. */
public record TurnCredential(String username, String credential, Instant expiresAt) {
    @Override
    public String toString() {
        return "TurnCredential[username=" + username + ", credential=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
