package io.p3protocol.command.identity;

import io.p3protocol.kernel.crypto.KemMode;
import io.p3protocol.kernel.identity.IdentityKeysStatus;
import io.p3protocol.kernel.identity.IdentityKeysSummary;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EncapsulationPlanTest {
    private static IdentityKeysSummary keys(boolean kyberEnabled) {
        return new IdentityKeysSummary("t", "0x" + "a".repeat(40), "x", kyberEnabled ? "m" : null, kyberEnabled,
                IdentityKeysStatus.ACTIVE, Instant.EPOCH, null, null, 0);
    }

    @Test
    void bothKyberEnabledIsHybrid() {
        assertThat(EncapsulationPlan.decide(keys(true), keys(true)))
                .isEqualTo(new EncapsulationPlan(KemMode.HYBRID, "both_parties_kyber_enabled"));
    }

    @Test
    void anUnnamedSenderFallsBackEvenToAKyberEnabledRecipient() {
        assertThat(EncapsulationPlan.decide(keys(true), null))
                .isEqualTo(new EncapsulationPlan(KemMode.X25519, "sender_not_named"));
    }

    @Test
    void aSenderWithoutMlKemFallsBack() {
        assertThat(EncapsulationPlan.decide(keys(true), keys(false)))
                .isEqualTo(new EncapsulationPlan(KemMode.X25519, "sender_not_kyber_enabled"));
    }

    @Test
    void aRecipientWithoutMlKemFallsBack() {
        assertThat(EncapsulationPlan.decide(keys(false), keys(true)))
                .isEqualTo(new EncapsulationPlan(KemMode.X25519, "recipient_not_kyber_enabled"));
    }

    @Test
    void neitherWithMlKemFallsBack() {
        assertThat(EncapsulationPlan.decide(keys(false), keys(false)))
                .isEqualTo(new EncapsulationPlan(KemMode.X25519, "neither_party_kyber_enabled"));
    }
}
