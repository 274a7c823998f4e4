package io.p3protocol.command.apikeys;

import io.p3protocol.command.support.FixtureClock;
import io.p3protocol.kernel.apikeys.ApiKeyExpiredEvent;
import io.p3protocol.kernel.apikeys.ApiKeyIssuedEvent;
import io.p3protocol.kernel.apikeys.ApiKeyQuotaExhaustedEvent;
import io.p3protocol.kernel.apikeys.RecordQuotaExhaustedCommand;
import io.p3protocol.kernel.apikeys.ApiKeyRevokedEvent;
import io.p3protocol.kernel.apikeys.ExpireApiKeyCommand;
import io.p3protocol.kernel.apikeys.RevokeApiKeyCommand;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.security.Role;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The ApiKey's own handlers. Its creation (spawned by the Tenant) is covered in TenantTest; here the key's history
 * is given as events. The handlers read time from an injected {@link Clock}, which follows the fixture's
 * simulated time, so advancing the fixture's clock moves the handlers' "now" too.
 */
class ApiKeyTest {
    private static final String TENANT = "tenant-1";
    private static final String KEY = "key-1";
    private static final String HASH = "b".repeat(64);

    private AggregateTestFixture<ApiKey> fixture;
    private Instant expiresAt;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
        fixture.registerInjectableResource(new FixtureClock(fixture));
        fixture.registerAnnotatedCommandHandler(new DeadlineScheduler());
        expiresAt = fixture.currentTime().plus(Duration.ofHours(1));
    }

    private ApiKeyIssuedEvent issued(Instant expiry) {
        return new ApiKeyIssuedEvent(KEY, TENANT, Set.of(Role.VIEWER), HASH, expiry, 1000);
    }

    @Test
    void usingUpTheQuotaIsRecordedWithTheMonth() {
        fixture.given(issued(null))
                .when(new RecordQuotaExhaustedCommand(KEY, TENANT, "2026-01", 1000))
                .expectEvents(new ApiKeyQuotaExhaustedEvent(KEY, TENANT, "2026-01", 1000));
    }

    @Test
    void theQuotaIsRecordedAsUsedUpOnlyOncePerMonth() {
        fixture.given(issued(null), new ApiKeyQuotaExhaustedEvent(KEY, TENANT, "2026-01", 1000))
                .when(new RecordQuotaExhaustedCommand(KEY, TENANT, "2026-01", 1000))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theQuotaIsRecordedAgainInALaterMonth() {
        fixture.given(issued(null), new ApiKeyQuotaExhaustedEvent(KEY, TENANT, "2026-01", 1000))
                .when(new RecordQuotaExhaustedCommand(KEY, TENANT, "2026-02", 1000))
                .expectEvents(new ApiKeyQuotaExhaustedEvent(KEY, TENANT, "2026-02", 1000));
    }

    @Test
    void revokeRecordsTheReason() {
        fixture.given(issued(null))
                .when(new RevokeApiKeyCommand(KEY, TENANT, "leaked"))
                .expectEvents(new ApiKeyRevokedEvent(KEY, TENANT, "leaked"));
    }

    @Test
    void revokingTwiceIsARuleViolation() {
        fixture.given(issued(null), new ApiKeyRevokedEvent(KEY, TENANT, "leaked"))
                .when(new RevokeApiKeyCommand(KEY, TENANT, "again"))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("key " + KEY + " is already revoked")
                .expectNoEvents();
    }

    @Test
    void anotherTenantCannotRevokeTheKeyAndIsToldItDoesNotExist() {
        fixture.given(issued(null))
                .when(new RevokeApiKeyCommand(KEY, "tenant-2", "hostile"))
                .expectException(UnknownAggregate.class)
                .expectNoEvents();
    }

    @Test
    void thePlatformAdminMayRevokeAnyTenantsKey() {
        fixture.given(issued(null))
                .when(new RevokeApiKeyCommand(KEY, null, "ops"))
                .expectEvents(new ApiKeyRevokedEvent(KEY, TENANT, "ops"));
    }

    @Test
    void theExpiryDeadlineMarksTheKeyExpired() {
        fixture.given(issued(expiresAt))
                .andGivenCommands(new ScheduleExpiryAsTheTenantDoes(KEY, expiresAt))
                .whenThenTimeElapses(Duration.ofHours(1).plusSeconds(1))
                .expectSuccessfulHandlerExecution()
                .expectTriggeredDeadlinesWithName(ApiKey.EXPIRY_DEADLINE)
                .expectEvents(new ApiKeyExpiredEvent(KEY, TENANT, expiresAt));
    }

    @Test
    void theExpiryDeadlineDoesNotFireBeforeTheExpiry() {
        fixture.given(issued(expiresAt))
                .andGivenCommands(new ScheduleExpiryAsTheTenantDoes(KEY, expiresAt))
                .whenThenTimeElapses(Duration.ofMinutes(59))
                .expectNoEvents()
                .expectScheduledDeadlineWithName(expiresAt, ApiKey.EXPIRY_DEADLINE);
    }

    @Test
    void aRevokedKeyIsNotExpiredWhenItsDeadlineFires() {
        fixture.given(issued(expiresAt), new ApiKeyRevokedEvent(KEY, TENANT, "leaked"))
                .andGivenCommands(new ScheduleExpiryAsTheTenantDoes(KEY, expiresAt))
                .whenThenTimeElapses(Duration.ofHours(2))
                .expectTriggeredDeadlinesWithName(ApiKey.EXPIRY_DEADLINE)
                .expectNoEvents();
    }

    @Test
    void expiringADueKeyByCommandRecordsTheExpiry() {
        fixture.given(issued(expiresAt))
                .andGivenCurrentTime(expiresAt)
                .when(new ExpireApiKeyCommand(KEY, TENANT))
                .expectEvents(new ApiKeyExpiredEvent(KEY, TENANT, expiresAt));
    }

    @Test
    void expiringAKeyBeforeItIsDueIsRefused() {
        fixture.given(issued(expiresAt))
                .when(new ExpireApiKeyCommand(KEY, TENANT))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("key " + KEY + " has not reached its expiry")
                .expectNoEvents();
    }

    @Test
    void expiringAKeyWithoutExpiryIsRefused() {
        fixture.given(issued(null))
                .when(new ExpireApiKeyCommand(KEY, TENANT))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aRevokedKeyIsNotExpiredByCommand() {
        fixture.given(issued(expiresAt), new ApiKeyRevokedEvent(KEY, TENANT, "leaked"))
                .andGivenCurrentTime(expiresAt.plusSeconds(1))
                .when(new ExpireApiKeyCommand(KEY, TENANT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherTenantCannotExpireTheKey() {
        fixture.given(issued(expiresAt))
                .andGivenCurrentTime(expiresAt)
                .when(new ExpireApiKeyCommand(KEY, "tenant-2"))
                .expectException(UnknownAggregate.class)
                .expectNoEvents();
    }

    /** The fixture's stub deadline manager only learns of deadlines through a handler, as Tenant schedules them. */
    record ScheduleExpiryAsTheTenantDoes(String keyId, Instant expiresAt) {
    }

    static class DeadlineScheduler {
        @CommandHandler
        void handle(ScheduleExpiryAsTheTenantDoes command, DeadlineManager deadlineManager) {
            ApiKey.scheduleExpiry(deadlineManager, command.keyId(), command.expiresAt());
        }
    }
}
