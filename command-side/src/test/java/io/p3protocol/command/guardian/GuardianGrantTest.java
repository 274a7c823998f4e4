package io.p3protocol.command.guardian;

import io.p3protocol.command.support.FixtureClock;
import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.guardian.GrantGuardianScopeCommand;
import io.p3protocol.kernel.guardian.GuardianAccess;
import io.p3protocol.kernel.guardian.GuardianAccessRecordedEvent;
import io.p3protocol.kernel.guardian.GuardianGrantEndedEvent;
import io.p3protocol.kernel.guardian.GuardianScopeGrantedEvent;
import io.p3protocol.kernel.guardian.RecordGuardianAccessCommand;
import io.p3protocol.kernel.guardian.RevokeGuardianGrantCommand;
import io.p3protocol.kernel.security.Role;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** The GuardianGrant: one behaviour per test. Handlers read time from the fixture's clock. */
class GuardianGrantTest {
    private static final String GRANT = "grant-1";
    private static final String KEY = "key-g";
    private static final String HOME = "tenant-home";
    private static final String A = "tenant-a";
    private static final String B = "tenant-b";

    private AggregateTestFixture<GuardianGrant> fixture;
    private Instant expiresAt;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(GuardianGrant.class);
        fixture.registerInjectableResource(new FixtureClock(fixture));
        expiresAt = fixture.currentTime().plus(Duration.ofDays(1));
    }

    private GuardianScopeGrantedEvent guardianCopy() {
        return new GuardianScopeGrantedEvent(GRANT, HOME, KEY, HOME, Set.of(A, B), Set.of(Role.VIEWER), expiresAt);
    }

    private GuardianScopeGrantedEvent targetCopy(String target) {
        return new GuardianScopeGrantedEvent(GRANT, target, KEY, HOME, Set.of(target), Set.of(Role.VIEWER), expiresAt);
    }

    @Test
    void aGrantIsToldToTheGuardianWithEveryTargetAndToEachTargetWithOnlyItself() {
        fixture.givenNoPriorActivity()
                .when(new GrantGuardianScopeCommand(GRANT, KEY, HOME, Set.of(B, A), Set.of(Role.VIEWER), expiresAt))
                .expectEvents(guardianCopy(), targetCopy(A), targetCopy(B));
    }

    @Test
    void aGrantSchedulesItsExpiry() {
        fixture.givenNoPriorActivity()
                .when(new GrantGuardianScopeCommand(GRANT, KEY, HOME, Set.of(A), Set.of(Role.VIEWER), expiresAt))
                .expectScheduledDeadlineWithName(expiresAt, GuardianGrant.EXPIRY_DEADLINE);
    }

    @Test
    void aGrantCannotNameTheGuardiansOwnTenant() {
        fixture.givenNoPriorActivity()
                .when(new GrantGuardianScopeCommand(GRANT, KEY, HOME, Set.of(A, HOME), Set.of(Role.VIEWER), expiresAt))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aGrantThatHasAlreadyExpiredIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new GrantGuardianScopeCommand(GRANT, KEY, HOME, Set.of(A), Set.of(Role.VIEWER),
                        fixture.currentTime().minusSeconds(1)))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void anAccessIsRecordedInTheTargetAndInTheGuardiansTenantAndAnswersTheGrantsRoles() {
        fixture.given(guardianCopy(), targetCopy(A), targetCopy(B))
                .when(new RecordGuardianAccessCommand(GRANT, KEY, A, "GET /api/vault/secrets"))
                .expectEvents(new GuardianAccessRecordedEvent(GRANT, A, KEY, HOME, A, "GET /api/vault/secrets"),
                        new GuardianAccessRecordedEvent(GRANT, HOME, KEY, HOME, A, "GET /api/vault/secrets"))
                .expectResultMessagePayload(new GuardianAccess(GRANT, Set.of(Role.VIEWER)));
    }

    @Test
    void anAccessToATenantTheGrantDoesNotNameIsRefused() {
        fixture.given(guardianCopy(), targetCopy(A), targetCopy(B))
                .when(new RecordGuardianAccessCommand(GRANT, KEY, "tenant-c", "GET /graphql"))
                .expectException(AccessDenied.class)
                .expectNoEvents();
    }

    @Test
    void anotherKeyCannotUseTheGrant() {
        fixture.given(guardianCopy(), targetCopy(A), targetCopy(B))
                .when(new RecordGuardianAccessCommand(GRANT, "key-other", A, "GET /graphql"))
                .expectException(AccessDenied.class)
                .expectNoEvents();
    }

    @Test
    void anAccessAtTheExpiryInstantIsRefusedEvenBeforeTheDeadlineRecordsIt() {
        fixture.given(guardianCopy(), targetCopy(A), targetCopy(B))
                .andGivenCurrentTime(expiresAt)
                .when(new RecordGuardianAccessCommand(GRANT, KEY, A, "GET /graphql"))
                .expectException(AccessDenied.class)
                .expectExceptionMessage("the guardian grant has expired.")
                .expectNoEvents();
    }

    @Test
    void anAccessAfterRevocationIsRefused() {
        fixture.given(guardianCopy(), targetCopy(A), targetCopy(B),
                        new GuardianGrantEndedEvent(GRANT, HOME, KEY, HOME, GuardianGrantEndedEvent.REVOKED, null))
                .when(new RecordGuardianAccessCommand(GRANT, KEY, A, "GET /graphql"))
                .expectException(AccessDenied.class)
                .expectNoEvents();
    }

    @Test
    void revokingTellsTheGuardianAndEachTarget() {
        fixture.given(guardianCopy(), targetCopy(A), targetCopy(B))
                .when(new RevokeGuardianGrantCommand(GRANT, "incident closed"))
                .expectEvents(
                        new GuardianGrantEndedEvent(GRANT, HOME, KEY, HOME, "revoked", "incident closed"),
                        new GuardianGrantEndedEvent(GRANT, A, KEY, HOME, "revoked", "incident closed"),
                        new GuardianGrantEndedEvent(GRANT, B, KEY, HOME, "revoked", "incident closed"));
    }

    @Test
    void revokingAnEndedGrantIsARuleViolation() {
        fixture.given(guardianCopy(), targetCopy(A),
                        new GuardianGrantEndedEvent(GRANT, HOME, KEY, HOME, GuardianGrantEndedEvent.EXPIRED, null))
                .when(new RevokeGuardianGrantCommand(GRANT, null))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void theExpiryDeadlineEndsTheGrantForEveryTenant() {
        fixture.givenCommands(new GrantGuardianScopeCommand(GRANT, KEY, HOME, Set.of(A), Set.of(Role.VIEWER),
                        expiresAt))
                .whenTimeAdvancesTo(expiresAt)
                .expectEvents(new GuardianGrantEndedEvent(GRANT, HOME, KEY, HOME, "expired", null),
                        new GuardianGrantEndedEvent(GRANT, A, KEY, HOME, "expired", null));
    }
}
