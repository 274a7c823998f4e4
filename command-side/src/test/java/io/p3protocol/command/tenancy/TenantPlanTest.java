package io.p3protocol.command.tenancy;

import io.p3protocol.kernel.apikeys.ApiKeyDefaults;
import io.p3protocol.kernel.apikeys.ApiKeyIssuedEvent;
import io.p3protocol.kernel.apikeys.IssueApiKeyCommand;
import io.p3protocol.kernel.apikeys.IssuedApiKey;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.policy.ChangeTenantPolicyCommand;
import io.p3protocol.kernel.policy.TenantPolicy;
import io.p3protocol.kernel.policy.TenantPolicyChangedEvent;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.tenancy.ChangeTenantTierCommand;
import io.p3protocol.kernel.tenancy.PlaceTenantInZoneCommand;
import io.p3protocol.kernel.tenancy.TenantApiKeyIssuedEvent;
import io.p3protocol.kernel.tenancy.TenantCreatedEvent;
import io.p3protocol.kernel.tenancy.TenantTierChangedEvent;
import io.p3protocol.kernel.tenancy.TenantZoneChangedEvent;
import io.p3protocol.kernel.tenancy.Tier;
import io.p3protocol.kernel.tenancy.Zone;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.hamcrest.Matchers.equalTo;

/** The Tenant's tier and zone, and how they bear on keys and the policy's data region. */
class TenantPlanTest {
    private static final String TENANT = "tenant-1";
    private static final String KEY = "key-1";
    private static final String HASH = "c".repeat(64);
    private static final Zone EU = new Zone("aws", "eu-west-1");
    private static final Zone US = new Zone("aws", "us-east-1");

    private AggregateTestFixture<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
    }

    private static IssueApiKeyCommand issue(Long quota) {
        return new IssueApiKeyCommand(KEY, TENANT, Set.of(Role.VIEWER), HASH, null, quota);
    }

    private static ApiKeyIssuedEvent issued(long quota) {
        return new ApiKeyIssuedEvent(KEY, TENANT, Set.of(Role.VIEWER), HASH, null, quota);
    }

    private static TenantPolicy withRegion(String region) {
        return new TenantPolicy(false, null, 1000, 100, List.of(), region, null, true);
    }

    @Test
    void aTierChangeRecordsTheNewAndThePreviousTier() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"), new TenantTierChangedEvent(TENANT, Tier.FREE, null))
                .when(new ChangeTenantTierCommand(TENANT, Tier.PRO))
                .expectResultMessagePayload(Tier.PRO)
                .expectEvents(new TenantTierChangedEvent(TENANT, Tier.PRO, Tier.FREE));
    }

    @Test
    void theSameTierAgainRecordsNothing() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"), new TenantTierChangedEvent(TENANT, Tier.PRO, null))
                .when(new ChangeTenantTierCommand(TENANT, Tier.PRO))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aKeyIssuedWithoutAQuotaGetsTheTiersQuota() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"), new TenantTierChangedEvent(TENANT, Tier.FREE, null))
                .when(issue(null))
                .expectResultMessagePayload(new IssuedApiKey(KEY, Tier.FREE.quotaMonthly()))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(equalTo(new TenantApiKeyIssuedEvent(TENANT, KEY))),
                        messageWithPayload(equalTo(issued(Tier.FREE.quotaMonthly()))), andNoMore()));
    }

    @Test
    void anExplicitQuotaWinsOverTheTiersQuota() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"), new TenantTierChangedEvent(TENANT, Tier.FREE, null))
                .when(issue(42L))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(equalTo(new TenantApiKeyIssuedEvent(TENANT, KEY))),
                        messageWithPayload(equalTo(issued(42))), andNoMore()));
    }

    @Test
    void aKeyOfATenantWithoutATierGetsTheDefaultQuota() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"))
                .when(issue(null))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(equalTo(new TenantApiKeyIssuedEvent(TENANT, KEY))),
                        messageWithPayload(equalTo(issued(ApiKeyDefaults.QUOTA_MONTHLY))), andNoMore()));
    }

    @Test
    void placingATenantRecordsTheZoneAndThePreviousOne() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"), new TenantZoneChangedEvent(TENANT, US, null))
                .when(new PlaceTenantInZoneCommand(TENANT, EU))
                .expectResultMessagePayload(EU)
                .expectEvents(new TenantZoneChangedEvent(TENANT, EU, US));
    }

    @Test
    void aZoneOutsideThePolicysDataRegionIsRefused() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"),
                        new TenantPolicyChangedEvent(TENANT, withRegion("eu-west-1"), List.of("dataRegion")))
                .when(new PlaceTenantInZoneCommand(TENANT, US))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aPolicyWhoseDataRegionIsNotTheZonesRegionIsRefused() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"), new TenantZoneChangedEvent(TENANT, EU, null))
                .when(new ChangeTenantPolicyCommand(TENANT, withRegion("us-east-1")))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aPolicyWithTheZonesRegionIsAccepted() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"), new TenantZoneChangedEvent(TENANT, EU, null))
                .when(new ChangeTenantPolicyCommand(TENANT, withRegion("eu-west-1")))
                .expectEvents(new TenantPolicyChangedEvent(TENANT, withRegion("eu-west-1"), List.of("dataRegion")));
    }
}
