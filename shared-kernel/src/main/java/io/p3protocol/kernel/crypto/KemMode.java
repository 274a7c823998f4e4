package io.p3protocol.kernel.crypto;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which KEM produced a shared secret. The wire names are the API's {@code mode} values. */
public enum KemMode {
    /** X25519 and ML-KEM-1024 combined by {@link KitchenSinkCombiner}: secure while either component is. */
    HYBRID("hybrid"),
    /** X25519 alone: the fallback when one party has no ML-KEM key. Not post-quantum secure. */
    X25519("x25519");

    private final String wireName;

    KemMode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
