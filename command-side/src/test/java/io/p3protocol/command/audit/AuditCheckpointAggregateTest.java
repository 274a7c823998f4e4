package io.p3protocol.command.audit;

import io.p3protocol.kernel.audit.AuditCheckpointCutEvent;
import io.p3protocol.kernel.audit.CutAuditCheckpointCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditCheckpointAggregateTest {
    private static final String ROOT = "ab".repeat(32);

    private AggregateTestFixture<AuditCheckpoint> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AuditCheckpoint.class);
    }

    @Test
    void cuttingACheckpointRecordsItsTreeAndRange() {
        fixture.givenNoPriorActivity()
                .when(new CutAuditCheckpointCommand("audit-checkpoint-3", 3, 10, 25, 11, 27, ROOT, false))
                .expectEvents(new AuditCheckpointCutEvent("audit-checkpoint-3", 3, 10, 25, 11, 27, ROOT, false));
    }

    @Test
    void aCheckpointIdMustNameItsNumber() {
        fixture.givenNoPriorActivity()
                .when(new CutAuditCheckpointCommand("audit-checkpoint-4", 3, 10, 25, 11, 27, ROOT, false))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aCheckpointMustAddLeaves() {
        fixture.givenNoPriorActivity()
                .when(new CutAuditCheckpointCommand("audit-checkpoint-3", 3, 25, 25, 11, 27, ROOT, true))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aRootMustBe32BytesOfLowerCaseHex() {
        fixture.givenNoPriorActivity()
                .when(new CutAuditCheckpointCommand("audit-checkpoint-1", 1, 0, 5, 1, 5, ROOT.toUpperCase(), true))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }
}
