package io.p3protocol.kernel.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The KitchenSink shared-secret derivation of draft-irtf-cfrg-hybrid-kems, with HKDF-SHA-256 (RFC 5869):
 * <pre>
 *   ikm    = "hybrid_prk" || part_1 || ... || part_n || label          (ASCII strings, no length prefixes)
 *   prk    = HKDF-Extract(salt = 32 zero bytes, ikm)                     = HMAC-SHA-256(0^32, ikm)
 *   secret = HKDF-Expand(prk, info = I2OSP(32, 2) || "shared_secret", 32) = HMAC-SHA-256(prk, info || 0x01)
 * </pre>
 * Every part has a fixed length for a given label, so plain concatenation is unambiguous. The byte layout is the
 * one {@code createKitchenSink} of {@code @noble/post-quantum} 0.7.1 computes, which the interop test checks; the
 * parts and labels of each mode are in {@link HybridKem} and {@link X25519Kem} and docs/identity-keys.md.
 */
public final class KitchenSinkCombiner {
    static final byte[] PRK_LABEL = ascii("hybrid_prk");
    static final byte[] SECRET_LABEL = ascii("shared_secret");
    public static final int SECRET_LENGTH = 32;

    private KitchenSinkCombiner() {
    }

    public static byte[] derive(byte[] label, byte[]... parts) {
        ByteArrayOutputStream ikm = new ByteArrayOutputStream();
        ikm.writeBytes(PRK_LABEL);
        for (byte[] part : parts) {
            ikm.writeBytes(part);
        }
        ikm.writeBytes(label);
        byte[] prk = new HmacSha256(new byte[32]).mac(ikm.toByteArray());
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(0);
        info.write(SECRET_LENGTH);
        info.writeBytes(SECRET_LABEL);
        info.write(1); // HKDF-Expand block counter: one SHA-256 block gives the 32 bytes
        return new HmacSha256(prk).mac(info.toByteArray());
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
