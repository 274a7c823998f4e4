package io.p3protocol.kernel.crypto;

/**
 * What encapsulation produced: the ciphertexts to send to the recipient, and the shared secret the sender keeps.
 *
 * @param mode             which KEM was used
 * @param x25519Ciphertext the sender's ephemeral X25519 public key (32 bytes)
 * @param mlKemCiphertext  the ML-KEM-1024 ciphertext (1568 bytes), or null in {@link KemMode#X25519} mode
 * @param sharedSecret     32 bytes; never to be logged, stored or sent
 */
public record KemEncapsulation(KemMode mode, byte[] x25519Ciphertext, byte[] mlKemCiphertext, byte[] sharedSecret) {

    /** Leaves the secret out, so a stray log line cannot leak it. */
    @Override
    public String toString() {
        return "KemEncapsulation[mode=" + mode + ", x25519Ciphertext=" + StrictBase64.encode(x25519Ciphertext)
                + ", mlKemCiphertext=" + (mlKemCiphertext == null ? "none" : mlKemCiphertext.length + " bytes") + "]";
    }
}
