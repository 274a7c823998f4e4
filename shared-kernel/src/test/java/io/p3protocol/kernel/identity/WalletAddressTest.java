package io.p3protocol.kernel.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalletAddressTest {
    /** From the EIP-55 specification's examples. */
    private static final String CHECKSUMMED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    @Test
    void aCorrectlyChecksummedAddressIsStoredLowerCase() {
        assertThat(WalletAddress.parse(CHECKSUMMED).value()).isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    }

    @Test
    void allLowerAndAllUpperCaseCarryNoChecksumAndAreAccepted() {
        assertThat(WalletAddress.parse("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED"))
                .isEqualTo(WalletAddress.parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"));
    }

    @Test
    void theChecksummedFormIsEip55() {
        assertThat(WalletAddress.parse(CHECKSUMMED.toLowerCase()).checksummed()).isEqualTo(CHECKSUMMED);
    }

    @Test
    void aMixedCaseAddressWithAWrongChecksumIsRefused() {
        String wrong = CHECKSUMMED.replace("aAeb", "AAeb");
        assertThatThrownBy(() -> WalletAddress.parse(wrong)).hasMessageContaining("EIP-55");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedd", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg",
            " 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"})
    void anythingButAnEvmAddressIsRefused(String input) {
        assertThatThrownBy(() -> WalletAddress.parse(input)).isInstanceOf(IllegalArgumentException.class);
    }
}
