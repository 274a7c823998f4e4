package io.p3protocol.command.ledger;

import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.ledger.AllocateLedgerEventCommand;
import io.p3protocol.kernel.ledger.AllocationRow;
import io.p3protocol.kernel.ledger.AllocationShare;
import io.p3protocol.kernel.ledger.LedgerAllocatedEvent;
import io.p3protocol.kernel.ledger.LedgerAllocation;
import io.p3protocol.kernel.ledger.LedgerEventRecordedEvent;
import io.p3protocol.kernel.ledger.RecordLedgerEventCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerTest {
    private static final LedgerEventRecordedEvent RECORDED = new LedgerEventRecordedEvent("l1", "t1",
            new BigDecimal("250"), "USD", null);
    private static final List<AllocationShare> SPLIT = List.of(new AllocationShare("ops", new BigDecimal("60")),
            new AllocationShare("r&d", new BigDecimal("40")));
    private static final LedgerAllocatedEvent ALLOCATED = new LedgerAllocatedEvent("l1", "t1", "x#0",
            List.of(new AllocationRow("ops", new BigDecimal("60"), new BigDecimal("150")),
                    new AllocationRow("r&d", new BigDecimal("40"), new BigDecimal("100"))),
            new BigDecimal("250"), "default");

    private AggregateTestFixture<Ledger> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ledger.class);
    }

    @Test
    void recordingALedgerEvent() {
        fixture.givenNoPriorActivity()
                .when(new RecordLedgerEventCommand("l1", "t1", new BigDecimal("250"), "USD", null))
                .expectEvents(RECORDED);
    }

    @Test
    void anAllocationSplitsTheAmountByPercent() {
        fixture.given(RECORDED)
                .when(new AllocateLedgerEventCommand("l1", "t1", "x#0", SPLIT, null))
                .expectEvents(ALLOCATED);
    }

    @Test
    void allocatingAgainUnderTheSameIdRecordsNothingAndAnswersTheEarlierAllocation() {
        fixture.given(RECORDED, ALLOCATED)
                .when(new AllocateLedgerEventCommand("l1", "t1", "x#0", SPLIT, null))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(new org.hamcrest.TypeSafeMatcher<Object>() {
                    @Override
                    protected boolean matchesSafely(Object item) {
                        return item instanceof LedgerAllocation a && a.alreadyAllocated()
                                && a.allocations().equals(ALLOCATED.allocations());
                    }

                    @Override
                    public void describeTo(org.hamcrest.Description description) {
                        description.appendText("the earlier allocation, flagged alreadyAllocated");
                    }
                });
    }

    @Test
    void percentagesMustSumToOneHundredWithTheOriginalsMessage() {
        fixture.given(RECORDED)
                .when(new AllocateLedgerEventCommand("l1", "t1", "x#0", List.of(
                        new AllocationShare("ops", new BigDecimal("60")),
                        new AllocationShare("grants", new BigDecimal("39.98"))), null))
                .expectNoEvents()
                .expectExceptionMessage("allocations: Allocations must sum to 100%, got 99.98%");
    }

    @Test
    void withinOneHundredthIsEnough() {
        assertThat(new BigDecimal("60").add(new BigDecimal("39.995")).subtract(BigDecimal.valueOf(100)).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.01"));
        fixture.given(RECORDED)
                .when(new AllocateLedgerEventCommand("l1", "t1", "x#1", List.of(
                        new AllocationShare("ops", new BigDecimal("60")),
                        new AllocationShare("reserve", new BigDecimal("39.995"))), "p"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anUnknownBucketIsRefused() {
        fixture.given(RECORDED)
                .when(new AllocateLedgerEventCommand("l1", "t1", "x#0", List.of(
                        new AllocationShare("marketing", new BigDecimal("100"))), null))
                .expectException(InvalidInput.class).expectNoEvents();
    }
}
