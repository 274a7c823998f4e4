package io.p3protocol.kernel.crypto;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.bouncycastle.math.ec.rfc7748.X25519;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An X25519 public key (RFC 7748): a 32-byte little-endian u-coordinate. Only keys that can give a secret shared
 * secret are accepted:
 * <ul>
 *   <li>exactly 32 bytes;</li>
 *   <li>canonical: the top bit clear and u &lt; 2^255 - 19 (every honest implementation emits this form; RFC 7748
 *       makes receivers mask the top bit, so two spellings would otherwise name one key);</li>
 *   <li>not of small order: for such a point every X25519 output is all zeros (RFC 7748 section 6.1), so anyone
 *       encapsulating to it would derive a "secret" an attacker already knows. Detected exactly that way: the
 *       agreement with a fixed clamped scalar is all zeros precisely for the points of order 1, 2, 4 or 8 on the
 *       curve and its twist (0, 1, p-1 and the two order-8 points).</li>
 * </ul>
 * Serialized to JSON as canonical standard base64.
 */
public final class X25519PublicKey extends EncodedPublicKey {
    public static final int LENGTH = 32;
    private static final BigInteger FIELD_PRIME = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    /** Any fixed scalar works (X25519 clamps it to a multiple of 8); it is not secret. */
    private static final byte[] PROBE_SCALAR = new byte[LENGTH];

    static {
        Arrays.fill(PROBE_SCALAR, (byte) 0x5a);
    }

    private X25519PublicKey(byte[] bytes) {
        super(bytes);
    }

    public static X25519PublicKey fromBytes(byte[] encoded) {
        if (encoded == null || encoded.length != LENGTH) {
            throw new InvalidKeyMaterial("an X25519 public key is " + LENGTH + " bytes, not "
                    + (encoded == null ? 0 : encoded.length));
        }
        if ((encoded[LENGTH - 1] & 0x80) != 0) {
            throw new InvalidKeyMaterial("an X25519 public key must have its top bit clear (canonical encoding)");
        }
        if (littleEndian(encoded).compareTo(FIELD_PRIME) >= 0) {
            throw new InvalidKeyMaterial("an X25519 public key must be below 2^255-19 (canonical encoding)");
        }
        if (!X25519.calculateAgreement(PROBE_SCALAR, 0, encoded, 0, new byte[LENGTH], 0)) {
            throw new InvalidKeyMaterial("this X25519 public key is a small-order point: every shared secret with it is zero");
        }
        return new X25519PublicKey(encoded.clone());
    }

    @JsonCreator
    public static X25519PublicKey fromBase64(String base64) {
        return fromBytes(StrictBase64.decode(base64));
    }

    private static BigInteger littleEndian(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    @Override
    public String toString() {
        return "X25519PublicKey[" + base64() + "]";
    }
}
