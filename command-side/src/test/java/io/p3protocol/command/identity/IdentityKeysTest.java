package io.p3protocol.command.identity;

import io.p3protocol.kernel.crypto.MlKem1024KeyPair;
import io.p3protocol.kernel.crypto.MlKem1024PublicKey;
import io.p3protocol.kernel.crypto.X25519KeyPair;
import io.p3protocol.kernel.crypto.X25519PublicKey;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.identity.IdentityKeysId;
import io.p3protocol.kernel.identity.IdentityKeysRegisteredEvent;
import io.p3protocol.kernel.identity.IdentityKeysRevokedEvent;
import io.p3protocol.kernel.identity.IdentityKeysRotatedEvent;
import io.p3protocol.kernel.identity.RegisterIdentityKeysCommand;
import io.p3protocol.kernel.identity.RevokeIdentityKeysCommand;
import io.p3protocol.kernel.identity.RotateIdentityKeysCommand;
import io.p3protocol.kernel.identity.WalletAddress;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

class IdentityKeysTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TENANT = "tenant-1";
    private static final WalletAddress WALLET = WalletAddress.parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    private static final String ID = IdentityKeysId.of(TENANT, WALLET);
    private static final X25519PublicKey X25519 = X25519KeyPair.generate(RANDOM).publicKey();
    private static final X25519PublicKey OTHER_X25519 = X25519KeyPair.generate(RANDOM).publicKey();
    private static final MlKem1024PublicKey ML_KEM = MlKem1024KeyPair.generate(RANDOM).publicKey();

    private AggregateTestFixture<IdentityKeys> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IdentityKeys.class);
    }

    private static IdentityKeysRegisteredEvent registered(MlKem1024PublicKey mlKem) {
        return new IdentityKeysRegisteredEvent(ID, TENANT, WALLET.value(), X25519.base64(),
                mlKem == null ? null : mlKem.base64(), mlKem != null);
    }

    @Test
    void registeringBothKeysMakesTheWalletKyberEnabled() {
        fixture.givenNoPriorActivity()
                .when(new RegisterIdentityKeysCommand(ID, TENANT, WALLET, X25519, ML_KEM))
                .expectEvents(registered(ML_KEM));
    }

    @Test
    void registeringOnlyAnX25519KeyLeavesKyberDisabled() {
        fixture.givenNoPriorActivity()
                .when(new RegisterIdentityKeysCommand(ID, TENANT, WALLET, X25519, null))
                .expectEvents(registered(null));
    }

    @Test
    void registeringAgainWhileActiveIsARuleViolation() {
        fixture.given(registered(null))
                .when(new RegisterIdentityKeysCommand(ID, TENANT, WALLET, OTHER_X25519, null))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("wallet " + WALLET + " already has active keys; rotate them instead")
                .expectNoEvents();
    }

    @Test
    void aRevokedWalletMayRegisterNewKeys() {
        fixture.given(registered(null), new IdentityKeysRevokedEvent(ID, TENANT, WALLET.value(), "lost device"))
                .when(new RegisterIdentityKeysCommand(ID, TENANT, WALLET, X25519, ML_KEM))
                .expectEvents(registered(ML_KEM));
    }

    @Test
    void rotatingAddsAnMlKemKeyAndEnablesKyber() {
        fixture.given(registered(null))
                .when(new RotateIdentityKeysCommand(ID, TENANT, WALLET, X25519, ML_KEM))
                .expectEvents(new IdentityKeysRotatedEvent(ID, TENANT, WALLET.value(), X25519.base64(),
                        ML_KEM.base64(), true));
    }

    @Test
    void rotatingWithoutAnMlKemKeyDisablesKyber() {
        fixture.given(registered(ML_KEM))
                .when(new RotateIdentityKeysCommand(ID, TENANT, WALLET, OTHER_X25519, null))
                .expectEvents(new IdentityKeysRotatedEvent(ID, TENANT, WALLET.value(), OTHER_X25519.base64(),
                        null, false));
    }

    @Test
    void rotatingToTheSameKeysIsARuleViolation() {
        fixture.given(registered(ML_KEM))
                .when(new RotateIdentityKeysCommand(ID, TENANT, WALLET, X25519, ML_KEM))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void rotatingRevokedKeysIsARuleViolation() {
        fixture.given(registered(null), new IdentityKeysRevokedEvent(ID, TENANT, WALLET.value(), null))
                .when(new RotateIdentityKeysCommand(ID, TENANT, WALLET, OTHER_X25519, null))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("the keys of wallet " + WALLET + " are revoked; register new keys")
                .expectNoEvents();
    }

    @Test
    void rotatingKeysThatWereNeverRegisteredFindsNothing() {
        fixture.givenNoPriorActivity()
                .when(new RotateIdentityKeysCommand(ID, TENANT, WALLET, X25519, null))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void revokingRecordsTheReason() {
        fixture.given(registered(ML_KEM))
                .when(new RevokeIdentityKeysCommand(ID, TENANT, WALLET, "lost device"))
                .expectEvents(new IdentityKeysRevokedEvent(ID, TENANT, WALLET.value(), "lost device"));
    }

    @Test
    void revokingTwiceIsARuleViolation() {
        fixture.given(registered(null), new IdentityKeysRevokedEvent(ID, TENANT, WALLET.value(), null))
                .when(new RevokeIdentityKeysCommand(ID, TENANT, WALLET, "again"))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aCommandNamingAnotherTenantIsToldTheKeysDoNotExist() {
        fixture.given(registered(null))
                .when(new RevokeIdentityKeysCommand(ID, "tenant-2", WALLET, "hostile"))
                .expectException(UnknownAggregate.class)
                .expectNoEvents();
    }
}
