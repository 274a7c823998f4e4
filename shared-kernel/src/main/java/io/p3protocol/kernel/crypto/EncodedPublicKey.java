package io.p3protocol.kernel.crypto;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * A validated public key held as its encoded bytes: equal by type and bytes, copied on the way out, and written to
 * JSON as canonical standard base64 (each subclass reads it back with its own validating {@code fromBase64}).
 */
public abstract sealed class EncodedPublicKey permits X25519PublicKey, MlKem1024PublicKey {
    /** Never exposed: callers get a copy from {@link #bytes()}. */
    final byte[] encoded;

    EncodedPublicKey(byte[] encoded) {
        this.encoded = encoded;
    }

    public byte[] bytes() {
        return encoded.clone();
    }

    @JsonValue
    public String base64() {
        return StrictBase64.encode(encoded);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && Arrays.equals(encoded, ((EncodedPublicKey) other).encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }
}
