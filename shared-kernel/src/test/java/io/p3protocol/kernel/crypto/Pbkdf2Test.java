package io.p3protocol.kernel.crypto;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Pbkdf2Test {
    @Test
    void theMinimumIsSixHundredThousandIterations() {
        assertThat(Pbkdf2.MIN_ITERATIONS).isGreaterThanOrEqualTo(600_000);
    }

    @Test
    void fewerIterationsThanTheMinimumAreRefused() {
        assertThatThrownBy(() -> Pbkdf2.deriveAes256("pass".toCharArray(), Pbkdf2.newSalt(), 599_999))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("600000");
    }

    @Test
    void aShortSaltIsRefused() {
        assertThatThrownBy(() -> Pbkdf2.deriveAes256("pass".toCharArray(), new byte[16], Pbkdf2.MIN_ITERATIONS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The derived key is exactly PBKDF2-HMAC-SHA256 with the iteration count asked for (checked independently). */
    @Test
    void theKeyIsPbkdf2HmacSha256WithTheGivenIterationCount() throws Exception {
        byte[] salt = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] derived = Pbkdf2.deriveAes256("correct horse".toCharArray(), salt, 600_000).getEncoded();

        byte[] expected = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("correct horse".toCharArray(), salt, 600_000, 256)).getEncoded();
        byte[] oneIterationLess = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("correct horse".toCharArray(), salt, 599_999, 256)).getEncoded();
        assertThat(derived).hasSize(32).isEqualTo(expected).isNotEqualTo(oneIterationLess);
    }

    @Test
    void anotherSaltDerivesAnotherKey() {
        char[] pass = "same passphrase".toCharArray();
        assertThat(Pbkdf2.deriveAes256(pass, Pbkdf2.newSalt(), Pbkdf2.MIN_ITERATIONS).getEncoded())
                .isNotEqualTo(Pbkdf2.deriveAes256(pass, Pbkdf2.newSalt(), Pbkdf2.MIN_ITERATIONS).getEncoded());
    }
}
