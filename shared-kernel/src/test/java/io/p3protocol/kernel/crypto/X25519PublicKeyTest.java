package io.p3protocol.kernel.crypto;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class X25519PublicKeyTest {

    @Test
    void acceptsAGeneratedKeyAndKeepsItsBytes() {
        X25519PublicKey key = X25519KeyPair.generate(new SecureRandom()).publicKey();
        assertThat(X25519PublicKey.fromBase64(key.base64())).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 33, 64})
    void refusesAnyOtherLength(int length) {
        assertThatThrownBy(() -> X25519PublicKey.fromBytes(new byte[length]))
                .isInstanceOf(InvalidKeyMaterial.class).hasMessageContaining("32 bytes");
    }

    /** The points of order 1, 2 and 8 (RFC 7748 section 6.1's all-zero outputs), canonically encoded. */
    @ParameterizedTest
    @ValueSource(strings = {
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"})
    void refusesSmallOrderPoints(String hex) {
        assertThatThrownBy(() -> X25519PublicKey.fromBytes(HexFormat.of().parseHex(hex)))
                .isInstanceOf(InvalidKeyMaterial.class).hasMessageContaining("small-order");
    }

    @Test
    void refusesAKeyWithTheTopBitSet() {
        byte[] key = X25519KeyPair.generate(new SecureRandom()).publicKey().bytes();
        key[31] |= (byte) 0x80;
        assertThatThrownBy(() -> X25519PublicKey.fromBytes(key))
                .isInstanceOf(InvalidKeyMaterial.class).hasMessageContaining("top bit");
    }

    @Test
    void refusesAFieldElementNotBelowThePrime() {
        byte[] p = HexFormat.of().parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        assertThatThrownBy(() -> X25519PublicKey.fromBytes(p))
                .isInstanceOf(InvalidKeyMaterial.class).hasMessageContaining("2^255-19");
    }
}
