package io.p3protocol.command.anchoring;

import io.p3protocol.kernel.anchoring.AnchorConfirmedEvent;
import io.p3protocol.kernel.anchoring.AnchorFailedEvent;
import io.p3protocol.kernel.anchoring.AnchorRequestOutcome;
import io.p3protocol.kernel.anchoring.AnchorRequestedEvent;
import io.p3protocol.kernel.anchoring.AnchorStatus;
import io.p3protocol.kernel.anchoring.AnchorSubmittedEvent;
import io.p3protocol.kernel.anchoring.ConfirmAnchorCommand;
import io.p3protocol.kernel.anchoring.RecordAnchorFailureCommand;
import io.p3protocol.kernel.anchoring.RecordAnchorSubmissionCommand;
import io.p3protocol.kernel.anchoring.RequestAnchorCommand;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnchorTest {
    private static final String ROOT = "0x" + "ab".repeat(32);
    private static final String TX = "0x" + "11".repeat(32);
    private static final String EARLIER_TX = "0x" + "22".repeat(32);
    private static final String REGISTRY = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final AnchorRequestedEvent REQUESTED = new AnchorRequestedEvent(ROOT, 7, "checkpoint 3", 1);
    private static final AnchorSubmittedEvent SUBMITTED = new AnchorSubmittedEvent(ROOT, TX, 31337, REGISTRY, false, 1);
    private static final AnchorConfirmedEvent CONFIRMED = new AnchorConfirmedEvent(ROOT, TX, 5, "0xb10c", 1);

    private AggregateTestFixture<Anchor> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Anchor.class);
    }

    @Test
    void requestingARootRecordsTheFirstAttempt() {
        fixture.givenNoPriorActivity()
                .when(new RequestAnchorCommand(ROOT, 7, "checkpoint 3"))
                .expectEvents(REQUESTED)
                .expectResultMessagePayload(new AnchorRequestOutcome(ROOT, AnchorStatus.REQUESTED, true));
    }

    @Test
    void requestingARootUnderWayAgainRecordsNothingAndAnswersItsStatus() {
        fixture.given(REQUESTED, SUBMITTED)
                .when(new RequestAnchorCommand(ROOT, 7, "checkpoint 3"))
                .expectNoEvents()
                .expectResultMessagePayload(new AnchorRequestOutcome(ROOT, AnchorStatus.SUBMITTED, false));
    }

    @Test
    void requestingAFailedRootAgainIsTheNextAttempt() {
        fixture.given(REQUESTED, new AnchorFailedEvent(ROOT, 1, "chain RPC unreachable"))
                .when(new RequestAnchorCommand(ROOT, 7, "checkpoint 3"))
                .expectEvents(new AnchorRequestedEvent(ROOT, 7, "checkpoint 3", 2));
    }

    @Test
    void theSameRootWithAnotherCountIsAConflict() {
        fixture.given(REQUESTED)
                .when(new RequestAnchorCommand(ROOT, 8, "checkpoint 3"))
                .expectNoEvents()
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void aSentTransactionIsRecordedAsSubmitted() {
        fixture.given(REQUESTED)
                .when(new RecordAnchorSubmissionCommand(ROOT, TX, 31337, REGISTRY, false, 1))
                .expectEvents(SUBMITTED);
    }

    @Test
    void theSameTransactionReportedTwiceIsRecordedOnce() {
        fixture.given(REQUESTED, SUBMITTED)
                .when(new RecordAnchorSubmissionCommand(ROOT, TX, 31337, REGISTRY, false, 1))
                .expectNoEvents();
    }

    @Test
    void anEarlierAnchorFoundOnChainReplacesATransactionThatLostTheDuplicateRace() {
        fixture.given(REQUESTED, SUBMITTED)
                .when(new RecordAnchorSubmissionCommand(ROOT, EARLIER_TX, 31337, REGISTRY, true, 1))
                .expectEvents(new AnchorSubmittedEvent(ROOT, EARLIER_TX, 31337, REGISTRY, true, 1));
    }

    @Test
    void anotherTransactionOfOurOwnForASubmittedRootIsRefused() {
        fixture.given(REQUESTED, SUBMITTED)
                .when(new RecordAnchorSubmissionCommand(ROOT, EARLIER_TX, 31337, REGISTRY, false, 1))
                .expectNoEvents()
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void aSubmittedTransactionIsConfirmedWithItsBlockAndDepth() {
        fixture.given(REQUESTED, SUBMITTED)
                .when(new ConfirmAnchorCommand(ROOT, TX, 5, "0xb10c", 1))
                .expectEvents(CONFIRMED);
    }

    @Test
    void onlyTheSubmittedTransactionCanConfirmTheAnchor() {
        fixture.given(REQUESTED, SUBMITTED)
                .when(new ConfirmAnchorCommand(ROOT, EARLIER_TX, 5, "0xb10c", 1))
                .expectNoEvents()
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void aRequestWithoutATransactionCannotBeConfirmed() {
        fixture.given(REQUESTED)
                .when(new ConfirmAnchorCommand(ROOT, TX, 5, "0xb10c", 1))
                .expectNoEvents()
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void confirmingAgainRecordsNothing() {
        fixture.given(REQUESTED, SUBMITTED, CONFIRMED)
                .when(new ConfirmAnchorCommand(ROOT, TX, 5, "0xb10c", 2))
                .expectNoEvents();
    }

    @Test
    void aFailureIsRecordedWithItsReasonAndAttempt() {
        fixture.given(REQUESTED)
                .when(new RecordAnchorFailureCommand(ROOT, "anchoring not configured: missing P3_ANCHOR_RPC_URL"))
                .expectEvents(new AnchorFailedEvent(ROOT, 1, "anchoring not configured: missing P3_ANCHOR_RPC_URL"));
    }

    @Test
    void aConfirmedAnchorCannotFail() {
        fixture.given(REQUESTED, SUBMITTED, CONFIRMED)
                .when(new RecordAnchorFailureCommand(ROOT, "late"))
                .expectNoEvents()
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void aRequestedRootCanBeAskedAgainWhileConfirmedWithoutAnotherAttempt() {
        fixture.given(REQUESTED, SUBMITTED, CONFIRMED)
                .when(new RequestAnchorCommand(ROOT, 7, "checkpoint 3"))
                .expectNoEvents()
                .expectResultMessagePayload(new AnchorRequestOutcome(ROOT, AnchorStatus.CONFIRMED, false));
    }
}
