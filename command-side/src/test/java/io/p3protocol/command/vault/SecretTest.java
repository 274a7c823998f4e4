package io.p3protocol.command.vault;

import io.p3protocol.command.support.FixtureClock;
import io.p3protocol.kernel.crypto.TurnRestCredential;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.NoLongerAvailable;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.vault.DestroySecretCommand;
import io.p3protocol.kernel.vault.IssueTurnCredentialCommand;
import io.p3protocol.kernel.vault.RevealSecretCommand;
import io.p3protocol.kernel.vault.RotateSecretCommand;
import io.p3protocol.kernel.vault.SecretDestroyedEvent;
import io.p3protocol.kernel.vault.SecretExpiredEvent;
import io.p3protocol.kernel.vault.SecretExpiringSoonEvent;
import io.p3protocol.kernel.vault.SecretRevealedEvent;
import io.p3protocol.kernel.vault.SecretRotatedEvent;
import io.p3protocol.kernel.vault.SecretStoredEvent;
import io.p3protocol.kernel.vault.SecretVersion;
import io.p3protocol.kernel.vault.StoreSecretCommand;
import io.p3protocol.kernel.vault.TurnCredential;
import io.p3protocol.kernel.vault.TurnCredentialIssuedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

/**
 * The Secret aggregate's behaviour, one rule per test. Handlers read time from an injected {@link Clock} that
 * follows the fixture's simulated time; values are sealed by a real {@link SecretKeyring} over an in-memory key
 * store, so the tests also prove what can and cannot be opened.
 */
class SecretTest {
    private static final String TENANT = "tenant-1";
    private static final String NAME = "API_TOKEN";
    private static final String ID = TENANT + "/" + NAME;
    private static final String VALUE = "first-value";

    private AggregateTestFixture<Secret> fixture;
    private InMemoryVersionKeyStore keys;
    private SecretKeyring keyring;
    private Instant start;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Secret.class);
        keys = new InMemoryVersionKeyStore();
        keyring = new SecretKeyring(keys);
        fixture.registerInjectableResource(keyring);
        fixture.registerInjectableResource(new FixtureClock(fixture));
        start = fixture.currentTime().truncatedTo(ChronoUnit.MILLIS);
        fixture.registerAnnotatedCommandHandler(new DeadlineScheduler());
    }

    /** A stored first version, sealed for real, as history for the other tests. */
    private SecretStoredEvent stored(int version, String value) {
        return new SecretStoredEvent(TENANT, NAME, version,
                keyring.sealNewVersion(TENANT, NAME, version, value.getBytes(StandardCharsets.UTF_8)), false,
                start.plus(Secret.ROTATION_PERIOD));
    }

    private SecretRotatedEvent rotated(int version, String value, int count) {
        return new SecretRotatedEvent(TENANT, NAME, version,
                keyring.sealNewVersion(TENANT, NAME, version, value.getBytes(StandardCharsets.UTF_8)), false, count,
                start.plus(Secret.ROTATION_PERIOD));
    }

    @Test
    void storingAValueRecordsOnlyItsCiphertextWithAn90DayExpiry() {
        fixture.givenNoPriorActivity()
                .when(StoreSecretCommand.of(TENANT, NAME, VALUE))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(onlyPayload(SecretStoredEvent.class, e -> e.version() == 1 && !e.generated()
                        && e.expiresAt().equals(start.plus(Duration.ofDays(90)))
                        && !new String(e.sealedValue(), StandardCharsets.ISO_8859_1).contains(VALUE)
                        && VALUE.equals(open(1, e.sealedValue()))))
                .expectResultMessagePayload(new SecretVersion(NAME, 1, start.plus(Duration.ofDays(90)), null));
    }

    @Test
    void storingWithoutAValueGeneratesOneInTheManagedFormat() {
        fixture.givenNoPriorActivity()
                .when(StoreSecretCommand.of(TENANT, "IP_SALT", null))
                .expectEventsMatching(onlyPayload(SecretStoredEvent.class, e -> e.generated()
                        && new String(keyring.open(TENANT, "IP_SALT", 1, e.sealedValue()), StandardCharsets.UTF_8)
                        .matches("[0-9a-f]{64}")));
    }

    @Test
    void storingALiveSecretAgainIsAConflict() {
        fixture.given(stored(1, VALUE))
                .when(StoreSecretCommand.of(TENANT, NAME, "other"))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("secret " + NAME + " already exists; rotate it to change its value")
                .expectNoEvents();
    }

    @Test
    void storingASecretSchedulesItsWarningSevenDaysBeforeAndItsExpiry() {
        fixture.givenNoPriorActivity()
                .when(StoreSecretCommand.of(TENANT, NAME, VALUE))
                .expectScheduledDeadlineWithName(start.plus(Duration.ofDays(83)), Secret.EXPIRING_SOON_DEADLINE)
                .expectScheduledDeadlineWithName(start.plus(Duration.ofDays(90)), Secret.EXPIRY_DEADLINE);
    }

    @Test
    void aCommandWhoseIdDisagreesWithTenantAndNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new StoreSecretCommand("tenant-2/" + NAME, TENANT, NAME, VALUE))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void revealingRecordsARevealWithoutTheValueAndAnswersTheValue() {
        fixture.given(stored(1, VALUE))
                .when(RevealSecretCommand.of(TENANT, NAME, null))
                .expectEvents(new SecretRevealedEvent(TENANT, NAME, 1))
                .expectResultMessagePayload(new SecretVersion(NAME, 1, start.plus(Secret.ROTATION_PERIOD), VALUE));
    }

    @Test
    void rotatingMakesANewVersionAndErasesThePreviousVersionsKey() {
        fixture.given(stored(1, VALUE))
                .when(RotateSecretCommand.of(TENANT, NAME, "second-value", false))
                .expectEventsMatching(onlyPayload(SecretRotatedEvent.class, e -> e.version() == 2
                        && e.rotationCount() == 1 && "second-value".equals(open(2, e.sealedValue()))))
                .expectResultMessagePayloadMatching(resultWithoutValue(2));
        assertThat(keys.holds(TENANT, NAME, 1)).isFalse();
        assertThat(keys.holds(TENANT, NAME, 2)).isTrue();
    }

    @Test
    void rotatingWithRevealAnswersTheNewValueAndRecordsTheReveal() {
        fixture.given(stored(1, VALUE))
                .when(RotateSecretCommand.of(TENANT, NAME, "second-value", true))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        payload(SecretRotatedEvent.class, e -> e.version() == 2),
                        payload(SecretRevealedEvent.class, e -> e.equals(new SecretRevealedEvent(TENANT, NAME, 2))),
                        andNoMore())))
                .expectResultMessagePayload(new SecretVersion(NAME, 2, start.plus(Secret.ROTATION_PERIOD),
                        "second-value"));
    }

    @Test
    void rotatingWithoutAValueGeneratesOne() {
        fixture.given(stored(1, VALUE))
                .when(RotateSecretCommand.of(TENANT, NAME, null, false))
                .expectEventsMatching(onlyPayload(SecretRotatedEvent.class, e -> e.generated()
                        && !VALUE.equals(open(2, e.sealedValue()))));
    }

    @Test
    void revealingARetiredVersionIsGone() {
        fixture.given(stored(1, VALUE), rotated(2, "second-value", 1))
                .when(RevealSecretCommand.of(TENANT, NAME, 1))
                .expectException(matching(NoLongerAvailable.class, e -> e.code().equals("secret_version_retired")))
                .expectNoEvents();
    }

    @Test
    void revealingAVersionThatNeverExistedIsNotFound() {
        fixture.given(stored(1, VALUE))
                .when(RevealSecretCommand.of(TENANT, NAME, 2))
                .expectException(UnknownAggregate.class)
                .expectNoEvents();
    }

    @Test
    void revealingOnceTheExpiryHasPassedIsRefusedEvenBeforeTheDeadlineRecordsIt() {
        fixture.given(stored(1, VALUE))
                .andGivenCurrentTime(start.plus(Secret.ROTATION_PERIOD))
                .when(RevealSecretCommand.of(TENANT, NAME, null))
                .expectException(matching(DomainRuleViolation.class, e -> e.code().equals("secret_expired")))
                .expectNoEvents();
    }

    @Test
    void revealingARecordedExpiredSecretIsRefused() {
        fixture.given(stored(1, VALUE), new SecretExpiredEvent(TENANT, NAME, 1, start.plus(Secret.ROTATION_PERIOD)))
                .when(RevealSecretCommand.of(TENANT, NAME, null))
                .expectException(matching(DomainRuleViolation.class, e -> e.code().equals("secret_expired")))
                .expectNoEvents();
    }

    @Test
    void rotatingAnExpiredSecretMakesItRevealableAgain() {
        fixture.given(stored(1, VALUE), new SecretExpiredEvent(TENANT, NAME, 1, start.plus(Secret.ROTATION_PERIOD)),
                        rotated(2, "fresh", 1))
                .when(RevealSecretCommand.of(TENANT, NAME, null))
                .expectEvents(new SecretRevealedEvent(TENANT, NAME, 2));
    }

    @Test
    void destroyingErasesEveryKeyOfTheSecret() {
        fixture.given(stored(1, VALUE))
                .when(DestroySecretCommand.of(TENANT, NAME))
                .expectEvents(new SecretDestroyedEvent(TENANT, NAME, 1));
        assertThat(keys.holds(TENANT, NAME, 1)).isFalse();
    }

    @Test
    void aDestroyedSecretCannotBeRevealed() {
        fixture.given(stored(1, VALUE), new SecretDestroyedEvent(TENANT, NAME, 1))
                .when(RevealSecretCommand.of(TENANT, NAME, null))
                .expectException(matching(NoLongerAvailable.class, e -> e.code().equals("secret_destroyed")))
                .expectNoEvents();
    }

    @Test
    void aDestroyedSecretCannotBeRotated() {
        fixture.given(stored(1, VALUE), new SecretDestroyedEvent(TENANT, NAME, 1))
                .when(RotateSecretCommand.of(TENANT, NAME, "x", false))
                .expectException(NoLongerAvailable.class)
                .expectNoEvents();
    }

    @Test
    void destroyingTwiceIsGone() {
        fixture.given(stored(1, VALUE), new SecretDestroyedEvent(TENANT, NAME, 1))
                .when(DestroySecretCommand.of(TENANT, NAME))
                .expectException(NoLongerAvailable.class)
                .expectNoEvents();
    }

    @Test
    void storingAfterADestroyStartsAgainWithTheNextVersion() {
        fixture.given(stored(1, VALUE), new SecretDestroyedEvent(TENANT, NAME, 1))
                .when(StoreSecretCommand.of(TENANT, NAME, "reborn"))
                .expectEventsMatching(onlyPayload(SecretStoredEvent.class, e -> e.version() == 2
                        && "reborn".equals(open(2, e.sealedValue()))));
    }

    @Test
    void aVersionWhoseKeyWasErasedCannotBeOpenedEvenWithItsCiphertext() {
        SecretStoredEvent first = stored(1, VALUE);
        keyring.eraseAll(TENANT, NAME);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(1, first.sealedValue()))
                .isInstanceOf(NoLongerAvailable.class);
    }

    @Test
    void theWarningDeadlineRecordsExpiringSoonSevenDaysBeforeTheExpiry() {
        fixture.givenNoPriorActivity()
                .andGivenCommands(StoreSecretCommand.of(TENANT, NAME, VALUE))
                .whenThenTimeElapses(Duration.ofDays(83))
                .expectTriggeredDeadlinesWithName(Secret.EXPIRING_SOON_DEADLINE)
                .expectEvents(new SecretExpiringSoonEvent(TENANT, NAME, 1, start.plus(Secret.ROTATION_PERIOD)));
    }

    @Test
    void nothingIsRecordedBeforeTheWarning() {
        fixture.givenNoPriorActivity()
                .andGivenCommands(StoreSecretCommand.of(TENANT, NAME, VALUE))
                .whenThenTimeElapses(Duration.ofDays(82))
                .expectNoEvents()
                .expectTriggeredDeadlinesWithName();
    }

    @Test
    void theExpiryDeadlineRecordsTheExpiryAfterNinetyDays() {
        fixture.givenNoPriorActivity()
                .andGivenCommands(StoreSecretCommand.of(TENANT, NAME, VALUE))
                .whenThenTimeElapses(Duration.ofDays(90))
                .expectEvents(new SecretExpiringSoonEvent(TENANT, NAME, 1, start.plus(Secret.ROTATION_PERIOD)),
                        new SecretExpiredEvent(TENANT, NAME, 1, start.plus(Secret.ROTATION_PERIOD)));
    }

    @Test
    void aRotationReplacesThePreviousVersionsDeadlinesWithTheNewOnes() {
        Instant warning = start.plus(Duration.ofDays(83));
        Instant expiry = start.plus(Secret.ROTATION_PERIOD);
        fixture.given(stored(1, VALUE))
                .andGivenCommands(new ScheduleDeadline(Secret.EXPIRING_SOON_DEADLINE, 1, warning),
                        new ScheduleDeadline(Secret.EXPIRY_DEADLINE, 1, expiry))
                .when(RotateSecretCommand.of(TENANT, NAME, null, false))
                .expectNoScheduledDeadline(warning, new SecretDeadline(1))
                .expectNoScheduledDeadline(expiry, new SecretDeadline(1))
                .expectScheduledDeadline(warning, new SecretDeadline(2))
                .expectScheduledDeadline(expiry, new SecretDeadline(2));
    }

    @Test
    void aStaleDeadlineOfAnEarlierVersionIsIgnored() {
        fixture.given(stored(1, VALUE), rotated(2, "second", 1))
                .andGivenCommands(new ScheduleDeadline(Secret.EXPIRY_DEADLINE, 1, start.plusSeconds(1)))
                .whenThenTimeElapses(Duration.ofSeconds(2))
                .expectTriggeredDeadlinesWithName(Secret.EXPIRY_DEADLINE)
                .expectNoEvents();
    }

    @Test
    void aDestroyCancelsTheDeadlines() {
        fixture.givenNoPriorActivity()
                .andGivenCommands(StoreSecretCommand.of(TENANT, "X", VALUE), DestroySecretCommand.of(TENANT, "X"))
                .whenThenTimeElapses(Duration.ofDays(91))
                .expectNoEvents()
                .expectTriggeredDeadlinesWithName();
    }

    @Test
    void aTurnCredentialIsTheHmacOfTheUsernameKeyedByTheSecretAndValidForThirtyMinutes() {
        String shared = "turn-shared-secret";
        SecretStoredEvent turn = new SecretStoredEvent(TENANT, "TURN_CREDENTIAL", 1, keyring.sealNewVersion(TENANT,
                "TURN_CREDENTIAL", 1, shared.getBytes(StandardCharsets.UTF_8)), true, start.plus(Secret.ROTATION_PERIOD));
        Instant validUntil = fixture.currentTime().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String username = validUntil.getEpochSecond() + ":alice";
        fixture.given(turn)
                .when(IssueTurnCredentialCommand.of(TENANT, "alice"))
                .expectEvents(new TurnCredentialIssuedEvent(TENANT, username, validUntil, 1))
                .expectResultMessagePayload(new TurnCredential(username,
                        TurnRestCredential.credential(shared.getBytes(StandardCharsets.UTF_8), username), validUntil));
    }

    @Test
    void aTurnCredentialCanBeAskedToLiveShorterThanThirtyMinutes() {
        SecretStoredEvent turn = new SecretStoredEvent(TENANT, "TURN_CREDENTIAL", 1, keyring.sealNewVersion(TENANT,
                "TURN_CREDENTIAL", 1, "s".getBytes(StandardCharsets.UTF_8)), true, start.plus(Secret.ROTATION_PERIOD));
        Instant validUntil = fixture.currentTime().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        fixture.given(turn)
                .when(IssueTurnCredentialCommand.of(TENANT, "alice", 60))
                .expectEvents(new TurnCredentialIssuedEvent(TENANT, validUntil.getEpochSecond() + ":alice",
                        validUntil, 1));
    }

    @Test
    void aTurnCredentialNeverLivesLongerThanThirtyMinutes() {
        SecretStoredEvent turn = new SecretStoredEvent(TENANT, "TURN_CREDENTIAL", 1, keyring.sealNewVersion(TENANT,
                "TURN_CREDENTIAL", 1, "s".getBytes(StandardCharsets.UTF_8)), true, start.plus(Secret.ROTATION_PERIOD));
        fixture.given(turn)
                .when(IssueTurnCredentialCommand.of(TENANT, "alice", 30 * 60 + 1))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aTurnCredentialIsNotIssuedFromAnExpiredSecret() {
        SecretStoredEvent turn = new SecretStoredEvent(TENANT, "TURN_CREDENTIAL", 1, keyring.sealNewVersion(TENANT,
                "TURN_CREDENTIAL", 1, "s".getBytes(StandardCharsets.UTF_8)), true, start.plus(Secret.ROTATION_PERIOD));
        fixture.given(turn)
                .andGivenCurrentTime(start.plus(Secret.ROTATION_PERIOD).plusSeconds(1))
                .when(IssueTurnCredentialCommand.of(TENANT, "alice"))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    /** Schedules a deadline the way the aggregate does, for a version the test chooses. */
    record ScheduleDeadline(String deadlineName, int version, Instant at) {
    }

    static class DeadlineScheduler {
        @org.axonframework.commandhandling.CommandHandler
        void handle(ScheduleDeadline command, org.axonframework.deadline.DeadlineManager deadlines) {
            deadlines.schedule(command.at(), command.deadlineName(), new SecretDeadline(command.version()),
                    new org.axonframework.modelling.command.AggregateScopeDescriptor("Secret", ID));
        }
    }

    private String open(int version, byte[] sealed) {
        return new String(keyring.open(TENANT, NAME, version, sealed), StandardCharsets.UTF_8);
    }

    private static <T> Matcher<List<org.axonframework.messaging.Message<?>>> onlyPayload(Class<T> type, Predicate<T> check) {
        return payloadsMatching(exactSequenceOf(payload(type, check), andNoMore()));
    }

    private static <T> Matcher<Object> payload(Class<T> type, Predicate<T> check) {
        return matching(type, check);
    }

    private static Matcher<Object> resultWithoutValue(int version) {
        return matching(SecretVersion.class, v -> v.version() == version && v.value() == null);
    }

    @SuppressWarnings("unchecked")
    private static <T, M> Matcher<M> matching(Class<T> type, Predicate<T> check) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return type.isInstance(actual) && check.test((T) actual);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + type.getSimpleName() + " meeting the test's condition");
            }
        };
    }
}
