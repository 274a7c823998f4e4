package io.p3protocol.command.sso;

import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.sso.DeactivateSsoProviderCommand;
import io.p3protocol.kernel.sso.RegisterSsoProviderCommand;
import io.p3protocol.kernel.sso.SsoLoginStartedEvent;
import io.p3protocol.kernel.sso.SsoProviderDeactivatedEvent;
import io.p3protocol.kernel.sso.SsoProviderRegisteredEvent;
import io.p3protocol.kernel.sso.SsoProviderSettings;
import io.p3protocol.kernel.sso.SsoProviderType;
import io.p3protocol.kernel.sso.StartSsoLoginCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

class SsoProviderTest {
    private static final String TENANT = "tenant-1";
    private static final String PROVIDER = "provider-1";
    private static final Instant EXPIRES = Instant.parse("2030-01-01T00:10:00Z");

    private AggregateTestFixture<SsoProvider> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SsoProvider.class);
    }

    private static SsoProviderSettings settings(SsoProviderType type) {
        return new SsoProviderSettings(type, "https://idp.example", "client", "SSO_" + PROVIDER + "_CLIENT_SECRET",
                "https://app.example/api/enterprise/sso/callback", List.of("openid"),
                Map.of("default", Set.of(Role.VIEWER)));
    }

    private static SsoProviderRegisteredEvent registered(SsoProviderType type) {
        return new SsoProviderRegisteredEvent(PROVIDER, TENANT, settings(type));
    }

    private static StartSsoLoginCommand start(String tenant) {
        return new StartSsoLoginCommand(PROVIDER, tenant, "login-1", "n".repeat(64), EXPIRES);
    }

    @Test
    void registerRecordsTheSettingsWithoutASecretValue() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSsoProviderCommand(PROVIDER, TENANT, settings(SsoProviderType.OIDC)))
                .expectEvents(registered(SsoProviderType.OIDC));
    }

    @Test
    void deactivateRecordsTheDeactivation() {
        fixture.given(registered(SsoProviderType.OIDC))
                .when(new DeactivateSsoProviderCommand(PROVIDER, TENANT))
                .expectEvents(new SsoProviderDeactivatedEvent(PROVIDER, TENANT));
    }

    @Test
    void deactivatingTwiceIsARuleViolation() {
        fixture.given(registered(SsoProviderType.OIDC), new SsoProviderDeactivatedEvent(PROVIDER, TENANT))
                .when(new DeactivateSsoProviderCommand(PROVIDER, TENANT))
                .expectException(DomainRuleViolation.class).expectNoEvents();
    }

    @Test
    void anotherTenantCannotDeactivateIt() {
        fixture.given(registered(SsoProviderType.OIDC))
                .when(new DeactivateSsoProviderCommand(PROVIDER, "tenant-2"))
                .expectException(UnknownAggregate.class).expectNoEvents();
    }

    @Test
    void startSpawnsALoginHoldingOnlyHashes() {
        fixture.given(registered(SsoProviderType.OIDC))
                .when(start(TENANT))
                .expectResultMessagePayload("login-1")
                .expectEvents(new SsoLoginStartedEvent("login-1", PROVIDER, TENANT, "n".repeat(64), EXPIRES));
    }

    @Test
    void aDeactivatedProviderStartsNoLogin() {
        fixture.given(registered(SsoProviderType.OIDC), new SsoProviderDeactivatedEvent(PROVIDER, TENANT))
                .when(start(TENANT))
                .expectException(DomainRuleViolation.class).expectNoEvents();
    }

    @Test
    void anotherTenantStartsNoLogin() {
        fixture.given(registered(SsoProviderType.OIDC))
                .when(start("tenant-2"))
                .expectException(UnknownAggregate.class).expectNoEvents();
    }

    @Test
    void aSamlProviderSpawnsALoginOnlyTheSamlEndpointCanFinish() {
        fixture.given(registered(SsoProviderType.SAML))
                .when(new StartSsoLoginCommand(PROVIDER, TENANT, "login-1", null, EXPIRES))
                .expectResultMessagePayload("login-1")
                .expectEvents(new SsoLoginStartedEvent("login-1", PROVIDER, TENANT, null, EXPIRES, SsoProviderType.SAML));
    }
}
