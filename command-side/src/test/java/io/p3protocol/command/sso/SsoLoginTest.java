package io.p3protocol.command.sso;

import io.p3protocol.command.support.FixtureClock;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.sso.CompleteSsoLoginCommand;
import io.p3protocol.kernel.sso.ConsumeSsoLoginStateCommand;
import io.p3protocol.kernel.sso.RejectSsoLoginCommand;
import io.p3protocol.kernel.sso.SsoLoginCompletedEvent;
import io.p3protocol.kernel.sso.SsoLoginRejectedEvent;
import io.p3protocol.kernel.sso.SsoLoginStartedEvent;
import io.p3protocol.kernel.sso.SsoLoginStateConsumedEvent;
import io.p3protocol.kernel.sso.SsoProviderType;
import io.p3protocol.kernel.sso.SsoRejectionReason;
import io.p3protocol.kernel.sso.StateConsumption;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

class SsoLoginTest {
    private static final String LOGIN = "login-1";
    private static final String TENANT = "tenant-1";
    private static final String PROVIDER = "provider-1";
    private static final String NONCE_HASH = "n".repeat(64);

    private AggregateTestFixture<SsoLogin> fixture;
    private Instant expiresAt;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SsoLogin.class);
        fixture.registerInjectableResource(new FixtureClock(fixture));
        expiresAt = fixture.currentTime().plus(Duration.ofMinutes(10));
    }

    private SsoLoginStartedEvent started() {
        return new SsoLoginStartedEvent(LOGIN, PROVIDER, TENANT, NONCE_HASH, expiresAt);
    }

    @Test
    void aFreshStateIsConsumedOnceAndAnswersWithTheNonceHash() {
        fixture.given(started())
                .when(new ConsumeSsoLoginStateCommand(LOGIN))
                .expectResultMessagePayload(new StateConsumption(null, TENANT, PROVIDER, NONCE_HASH))
                .expectEvents(new SsoLoginStateConsumedEvent(LOGIN, PROVIDER, TENANT));
    }

    @Test
    void aSecondPresentationIsRecordedAsReplayed() {
        fixture.given(started(), new SsoLoginStateConsumedEvent(LOGIN, PROVIDER, TENANT))
                .when(new ConsumeSsoLoginStateCommand(LOGIN))
                .expectResultMessagePayload(new StateConsumption(SsoRejectionReason.STATE_REPLAYED, TENANT, PROVIDER, null))
                .expectEvents(new SsoLoginRejectedEvent(LOGIN, TENANT, PROVIDER, SsoRejectionReason.STATE_REPLAYED,
                        "this state was already used"));
    }

    @Test
    void aStateNobodyIssuedIsRecordedAsUnknown() {
        fixture.givenNoPriorActivity()
                .when(new ConsumeSsoLoginStateCommand("forged"))
                .expectResultMessagePayload(new StateConsumption(SsoRejectionReason.STATE_UNKNOWN, null, null, null))
                .expectEvents(new SsoLoginRejectedEvent("forged", null, null, SsoRejectionReason.STATE_UNKNOWN,
                        "no login was started with this state"));
    }

    @Test
    void anExpiredStateIsRefused() {
        Instant past = fixture.currentTime().minusSeconds(1);
        fixture.given(new SsoLoginStartedEvent(LOGIN, PROVIDER, TENANT, NONCE_HASH, past))
                .when(new ConsumeSsoLoginStateCommand(LOGIN))
                .expectResultMessagePayload(new StateConsumption(SsoRejectionReason.STATE_EXPIRED, TENANT, PROVIDER, null))
                .expectEvents(new SsoLoginRejectedEvent(LOGIN, TENANT, PROVIDER, SsoRejectionReason.STATE_EXPIRED,
                        "the login expired at " + past));
    }

    @Test
    void aConsumedLoginCompletes() {
        fixture.given(started(), new SsoLoginStateConsumedEvent(LOGIN, PROVIDER, TENANT))
                .when(new CompleteSsoLoginCommand(LOGIN, "identity-1", "key-1"))
                .expectEvents(new SsoLoginCompletedEvent(LOGIN, TENANT, PROVIDER, "identity-1", "key-1"));
    }

    @Test
    void aConsumedLoginCanBeRejectedWithTheReason() {
        fixture.given(started(), new SsoLoginStateConsumedEvent(LOGIN, PROVIDER, TENANT))
                .when(new RejectSsoLoginCommand(LOGIN, SsoRejectionReason.NONCE_MISMATCH, "wrong nonce"))
                .expectEvents(new SsoLoginRejectedEvent(LOGIN, TENANT, PROVIDER, SsoRejectionReason.NONCE_MISMATCH,
                        "wrong nonce"));
    }

    @Test
    void aLoginNotConsumedCannotComplete() {
        fixture.given(started())
                .when(new CompleteSsoLoginCommand(LOGIN, "identity-1", "key-1"))
                .expectException(DomainRuleViolation.class).expectNoEvents();
    }

    @Test
    void aCompletedLoginCannotCompleteAgain() {
        fixture.given(started(), new SsoLoginStateConsumedEvent(LOGIN, PROVIDER, TENANT),
                        new SsoLoginCompletedEvent(LOGIN, TENANT, PROVIDER, "identity-1", "key-1"))
                .when(new CompleteSsoLoginCommand(LOGIN, "identity-1", "key-2"))
                .expectException(DomainRuleViolation.class).expectNoEvents();
    }

    // SAML: the login id is the SHA-256 of the AuthnRequest ID, presented by the ACS as the Response's InResponseTo

    private SsoLoginStartedEvent samlStarted() {
        return new SsoLoginStartedEvent(LOGIN, PROVIDER, TENANT, null, expiresAt, SsoProviderType.SAML);
    }

    @Test
    void aSamlRequestIsConsumedOnceByTheAcs() {
        fixture.given(samlStarted())
                .when(new ConsumeSsoLoginStateCommand(LOGIN, SsoProviderType.SAML))
                .expectResultMessagePayload(new StateConsumption(null, TENANT, PROVIDER, null))
                .expectEvents(new SsoLoginStateConsumedEvent(LOGIN, PROVIDER, TENANT));
    }

    @Test
    void aSecondResponseToTheSameSamlRequestIsRecordedAsReplayed() {
        fixture.given(samlStarted(), new SsoLoginStateConsumedEvent(LOGIN, PROVIDER, TENANT))
                .when(new ConsumeSsoLoginStateCommand(LOGIN, SsoProviderType.SAML))
                .expectResultMessagePayload(new StateConsumption(SsoRejectionReason.IN_RESPONSE_TO_REPLAYED, TENANT,
                        PROVIDER, null))
                .expectEvents(new SsoLoginRejectedEvent(LOGIN, TENANT, PROVIDER,
                        SsoRejectionReason.IN_RESPONSE_TO_REPLAYED, "a response to this AuthnRequest was already presented"));
    }

    @Test
    void anInResponseToNobodyIssuedIsRecordedAsUnknown() {
        fixture.givenNoPriorActivity()
                .when(new ConsumeSsoLoginStateCommand("forged", SsoProviderType.SAML))
                .expectResultMessagePayload(new StateConsumption(SsoRejectionReason.IN_RESPONSE_TO_UNKNOWN, null, null,
                        null))
                .expectEvents(new SsoLoginRejectedEvent("forged", null, null, SsoRejectionReason.IN_RESPONSE_TO_UNKNOWN,
                        "no AuthnRequest with this ID is outstanding"));
    }

    @Test
    void anExpiredSamlRequestIsRefused() {
        Instant past = fixture.currentTime().minusSeconds(1);
        fixture.given(new SsoLoginStartedEvent(LOGIN, PROVIDER, TENANT, null, past, SsoProviderType.SAML))
                .when(new ConsumeSsoLoginStateCommand(LOGIN, SsoProviderType.SAML))
                .expectResultMessagePayload(new StateConsumption(SsoRejectionReason.REQUEST_EXPIRED, TENANT, PROVIDER,
                        null))
                .expectEvents(new SsoLoginRejectedEvent(LOGIN, TENANT, PROVIDER, SsoRejectionReason.REQUEST_EXPIRED,
                        "the login expired at " + past));
    }

    @Test
    void anOidcLoginCannotBeSpentThroughTheSamlAcs() {
        fixture.given(started())
                .when(new ConsumeSsoLoginStateCommand(LOGIN, SsoProviderType.SAML))
                .expectResultMessagePayload(new StateConsumption(SsoRejectionReason.IN_RESPONSE_TO_UNKNOWN, TENANT,
                        PROVIDER, null))
                .expectEvents(new SsoLoginRejectedEvent(LOGIN, TENANT, PROVIDER,
                        SsoRejectionReason.IN_RESPONSE_TO_UNKNOWN, "no AuthnRequest with this ID is outstanding"));
    }

    @Test
    void aSamlLoginCannotBeSpentThroughTheOidcCallback() {
        fixture.given(samlStarted())
                .when(new ConsumeSsoLoginStateCommand(LOGIN))
                .expectResultMessagePayload(new StateConsumption(SsoRejectionReason.STATE_UNKNOWN, TENANT, PROVIDER,
                        null))
                .expectEvents(new SsoLoginRejectedEvent(LOGIN, TENANT, PROVIDER, SsoRejectionReason.STATE_UNKNOWN,
                        "no login was started with this state"));
    }

    @Test
    void anOidcLoginRecordedBeforeSamlExistedIsStillAnOidcLogin() {
        // events of V12..V13 have no protocol member: it deserializes as null and means OIDC
        fixture.given(new SsoLoginStartedEvent(LOGIN, PROVIDER, TENANT, NONCE_HASH, expiresAt, null))
                .when(new ConsumeSsoLoginStateCommand(LOGIN))
                .expectResultMessagePayload(new StateConsumption(null, TENANT, PROVIDER, NONCE_HASH))
                .expectEvents(new SsoLoginStateConsumedEvent(LOGIN, PROVIDER, TENANT));
    }
}
