package io.p3protocol.kernel.crypto;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;

import java.security.SecureRandom;

/**
 * An ML-KEM-1024 decapsulation key and its encapsulation key (FIPS 203, via Bouncy Castle). For clients and tests:
 * the server never holds a recipient's decapsulation key.
 */
public final class MlKem1024KeyPair {
    /** FIPS 203 ML-KEM.KeyGen_internal seed: d (32 bytes) || z (32 bytes). */
    public static final int SEED_LENGTH = 64;
    public static final int CIPHERTEXT_LENGTH = 1568;

    private final MLKEMPrivateKeyParameters secretKey;
    private final MlKem1024PublicKey publicKey;

    private MlKem1024KeyPair(MLKEMPrivateKeyParameters secretKey) {
        this.secretKey = secretKey;
        this.publicKey = MlKem1024PublicKey.fromBytes(secretKey.getPublicKey());
    }

    public static MlKem1024KeyPair generate(SecureRandom random) {
        MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(random, MLKEMParameters.ml_kem_1024));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new MlKem1024KeyPair((MLKEMPrivateKeyParameters) pair.getPrivate());
    }

    /** Deterministic key generation from the 64-byte seed d || z (the same keys any FIPS 203 implementation derives). */
    public static MlKem1024KeyPair fromSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_LENGTH) {
            throw new InvalidKeyMaterial("an ML-KEM seed is 64 bytes (d || z)");
        }
        return new MlKem1024KeyPair(new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_1024, seed.clone()));
    }

    public MlKem1024PublicKey publicKey() {
        return publicKey;
    }

    /**
     * ML-KEM.Decaps. A ciphertext that was altered does not fail: FIPS 203's implicit rejection returns a
     * pseudo-random secret instead, which then simply does not match the sender's.
     */
    public byte[] decapsulate(byte[] ciphertext) {
        if (ciphertext == null || ciphertext.length != CIPHERTEXT_LENGTH) {
            throw new InvalidKeyMaterial("an ML-KEM-1024 ciphertext is " + CIPHERTEXT_LENGTH + " bytes, not "
                    + (ciphertext == null ? 0 : ciphertext.length));
        }
        return new MLKEMExtractor(secretKey).extractSecret(ciphertext);
    }
}
