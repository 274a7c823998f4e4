package io.p3protocol.kernel.crypto;

/** An AES-GCM box that does not authenticate: altered, opened with the wrong key or with the wrong AAD. */
public class SealedBoxRejected extends RuntimeException {
    public SealedBoxRejected(String message) {
        super(message);
    }
}
