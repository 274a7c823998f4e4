package io.p3protocol.command.tenancy;

import io.p3protocol.command.apikeys.ApiKey;
import io.p3protocol.kernel.apikeys.ApiKeyIssuedEvent;
import io.p3protocol.kernel.apikeys.IssueApiKeyCommand;
import io.p3protocol.kernel.apikeys.IssuedApiKey;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.tenancy.CreateTenantCommand;
import io.p3protocol.kernel.tenancy.ReactivateTenantCommand;
import io.p3protocol.kernel.tenancy.RenameTenantCommand;
import io.p3protocol.kernel.tenancy.SuspendTenantCommand;
import io.p3protocol.kernel.tenancy.TenantApiKeyIssuedEvent;
import io.p3protocol.kernel.tenancy.TenantCreatedEvent;
import io.p3protocol.kernel.tenancy.TenantReactivatedEvent;
import io.p3protocol.kernel.tenancy.TenantRenamedEvent;
import io.p3protocol.kernel.tenancy.TenantSuspendedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.hamcrest.Matchers.equalTo;

class TenantTest {
    private static final String TENANT = "tenant-1";
    private static final String KEY = "key-1";
    private static final String HASH = "a".repeat(64);

    private AggregateTestFixture<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
    }

    private static IssueApiKeyCommand issue(String keyId, Instant expiresAt) {
        return new IssueApiKeyCommand(keyId, TENANT, Set.of(Role.ADMIN), HASH, expiresAt, 1000L);
    }

    private static ApiKeyIssuedEvent issued(String keyId, Instant expiresAt) {
        return new ApiKeyIssuedEvent(keyId, TENANT, Set.of(Role.ADMIN), HASH, expiresAt, 1000);
    }

    @Test
    void createRecordsTenantCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateTenantCommand(TENANT, "Acme"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TenantCreatedEvent(TENANT, "Acme"));
    }

    @Test
    void renameRecordsPreviousAndNewName() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"))
                .when(new RenameTenantCommand(TENANT, "Acme Corp"))
                .expectEvents(new TenantRenamedEvent(TENANT, "Acme", "Acme Corp"));
    }

    @Test
    void renameToTheSameNameRecordsNothing() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"))
                .when(new RenameTenantCommand(TENANT, "Acme"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void suspendRecordsTheReason() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"))
                .when(new SuspendTenantCommand(TENANT, "unpaid"))
                .expectEvents(new TenantSuspendedEvent(TENANT, "unpaid"));
    }

    @Test
    void suspendingASuspendedTenantIsARuleViolation() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"), new TenantSuspendedEvent(TENANT, "unpaid"))
                .when(new SuspendTenantCommand(TENANT, "again"))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("tenant " + TENANT + " is already suspended")
                .expectNoEvents();
    }

    @Test
    void reactivateLiftsASuspension() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"), new TenantSuspendedEvent(TENANT, "unpaid"))
                .when(new ReactivateTenantCommand(TENANT))
                .expectEvents(new TenantReactivatedEvent(TENANT));
    }

    @Test
    void reactivatingAnActiveTenantIsARuleViolation() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"))
                .when(new ReactivateTenantCommand(TENANT))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("tenant " + TENANT + " is not suspended")
                .expectNoEvents();
    }

    @Test
    void issuingAKeySpawnsTheApiKeyAggregate() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"))
                .when(issue(KEY, null))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new IssuedApiKey(KEY, 1000L))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(equalTo(new TenantApiKeyIssuedEvent(TENANT, KEY))),
                        messageWithPayload(equalTo(issued(KEY, null))), andNoMore()))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aSuspendedTenantCannotIssueKeys() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"), new TenantSuspendedEvent(TENANT, "unpaid"))
                .when(issue(KEY, null))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("tenant " + TENANT + " is suspended")
                .expectNoEvents();
    }

    @Test
    void aTenantThatIssuedKeysBeforeIssuesTheNextOneAfterThem() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"), new TenantApiKeyIssuedEvent(TENANT, "k-earlier"))
                .when(issue(KEY, null))
                .expectEvents(new TenantApiKeyIssuedEvent(TENANT, KEY), issued(KEY, null));
    }

    @Test
    void aKeyWithAnExpirySchedulesItsExpiryDeadline() {
        Instant expiresAt = fixture.currentTime().plus(Duration.ofDays(30));
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"))
                .when(issue(KEY, expiresAt))
                .expectEvents(new TenantApiKeyIssuedEvent(TENANT, KEY), issued(KEY, expiresAt))
                .expectScheduledDeadlineWithName(expiresAt, ApiKey.EXPIRY_DEADLINE);
    }
}
