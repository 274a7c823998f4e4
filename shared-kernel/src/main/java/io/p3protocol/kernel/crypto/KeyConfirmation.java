package io.p3protocol.kernel.crypto;

/**
 * Proof that two parties derived the same KEM secret without revealing it:
 * {@code HMAC-SHA-256(key = shared secret, message = ASCII "P3-KEM-key-confirmation-v1")}. HMAC under a secret key is
 * a PRF, so the tag says nothing about the secret, yet only a holder of the secret can compute it.
 */
public final class KeyConfirmation {
    public static final String MESSAGE = "P3-KEM-key-confirmation-v1";
    private static final byte[] MESSAGE_BYTES = KitchenSinkCombiner.ascii(MESSAGE);

    private KeyConfirmation() {
    }

    public static byte[] tag(byte[] sharedSecret) {
        return new HmacSha256(sharedSecret).mac(MESSAGE_BYTES);
    }
}
