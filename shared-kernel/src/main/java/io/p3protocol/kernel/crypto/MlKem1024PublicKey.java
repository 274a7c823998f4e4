package io.p3protocol.kernel.crypto;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;


/**
 * An ML-KEM-1024 encapsulation key (FIPS 203, parameter set k = 4): {@code ByteEncode12(t-hat) || rho}, 1536 + 32 =
 * 1568 bytes. Accepted only after the two input checks of FIPS 203 section 7.2, ML-KEM.Encaps:
 * <ol>
 *   <li>type check: exactly 1568 bytes;</li>
 *   <li>modulus check: every 12-bit coefficient of the 1536-byte polynomial part is below q = 3329, i.e.
 *       {@code ByteEncode12(ByteDecode12(ek[0:1536])) == ek[0:1536]}.</li>
 * </ol>
 * This is FIPS 203 ML-KEM, not round-3 Kyber (the two differ in key generation, encapsulation and the derivation
 * of the shared secret). Serialized to JSON as canonical standard base64.
 */
public final class MlKem1024PublicKey extends EncodedPublicKey {
    public static final int LENGTH = 1568;
    static final int POLYNOMIAL_BYTES = 1536;
    static final int Q = 3329;

    private MlKem1024PublicKey(byte[] bytes) {
        super(bytes);
    }

    public static MlKem1024PublicKey fromBytes(byte[] encoded) {
        if (encoded == null || encoded.length != LENGTH) {
            throw new InvalidKeyMaterial("an ML-KEM-1024 public key is " + LENGTH + " bytes, not "
                    + (encoded == null ? 0 : encoded.length));
        }
        for (int i = 0; i < POLYNOMIAL_BYTES; i += 3) {
            int b0 = encoded[i] & 0xff;
            int b1 = encoded[i + 1] & 0xff;
            int b2 = encoded[i + 2] & 0xff;
            int first = b0 | (b1 & 0x0f) << 8;
            int second = b1 >> 4 | b2 << 4;
            if (first >= Q || second >= Q) {
                throw new InvalidKeyMaterial("this ML-KEM-1024 public key fails the FIPS 203 modulus check "
                        + "(coefficient " + (first >= Q ? i / 3 * 2 : i / 3 * 2 + 1) + " is not below 3329)");
            }
        }
        return new MlKem1024PublicKey(encoded.clone());
    }

    @JsonCreator
    public static MlKem1024PublicKey fromBase64(String base64) {
        return fromBytes(StrictBase64.decode(base64));
    }

    MLKEMPublicKeyParameters parameters() {
        return new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_1024, encoded);
    }

    @Override
    public String toString() {
        return "MlKem1024PublicKey[sha256:" + Sha256.hex(encoded).substring(0, 16) + "…]";
    }
}
