package io.p3protocol.kernel.vault;

import java.time.Instant;

/**
 * What a store, rotate or reveal answers: the version it concerns, its expiry, and the plaintext {@code value}
 * only when the command was meant to reveal it (null otherwise). Redacted in {@link #toString()}.
 */
public record SecretVersion(String name, int version, Instant expiresAt, String value) {
    @Override
    public String toString() {
        return "SecretVersion[name=" + name + ", version=" + version + ", expiresAt=" + expiresAt + ", value="
                + (value == null ? "null" : "<redacted>") + "]";
    }
}
