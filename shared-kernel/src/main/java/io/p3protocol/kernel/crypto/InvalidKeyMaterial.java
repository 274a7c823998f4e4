package io.p3protocol.kernel.crypto;

/**
 * Bytes that are not a usable key or ciphertext: wrong length, a non-canonical encoding, or a value the algorithm
 * forbids. The message says which rule failed and never repeats the value. Surfaces turn it into a 400.
 */
public class InvalidKeyMaterial extends IllegalArgumentException {
    public InvalidKeyMaterial(String message) {
        super(message);
    }
}
