package io.p3protocol.command.ledger;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.ledger.AllocateLedgerEventCommand;
import io.p3protocol.kernel.ledger.AllocationRow;
import io.p3protocol.kernel.ledger.AllocationShare;
import io.p3protocol.kernel.ledger.LedgerAllocatedEvent;
import io.p3protocol.kernel.ledger.LedgerAllocation;
import io.p3protocol.kernel.ledger.LedgerBucket;
import io.p3protocol.kernel.ledger.LedgerEventRecordedEvent;
import io.p3protocol.kernel.ledger.RecordLedgerEventCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One ledger event (the original's ledger_events row): an amount, and the allocations that split it into the
 * buckets ops, r&amp;d, grants and reserve. Each allocation has an id; allocating again under an id already used
 * answers the earlier allocation and records nothing, which is what makes a retried rule action safe.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Ledger {
    /** The original's tolerance: percentages must sum to 100 within 0.01. */
    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @AggregateIdentifier
    private String ledgerEventId;
    private String tenantId;
    private BigDecimal amount;
    private Map<String, LedgerAllocatedEvent> allocations = new HashMap<>();

    protected Ledger() {
        // for Axon and Jackson
    }

    @CommandHandler
    public Ledger(RecordLedgerEventCommand command) {
        apply(new LedgerEventRecordedEvent(command.ledgerEventId(), command.tenantId(), command.amount(),
                command.currency(), command.memo()));
    }

    @CommandHandler
    public LedgerAllocation handle(AllocateLedgerEventCommand command) {
        if (!tenantId.equals(command.tenantId())) {
            throw new UnknownAggregate("ledger_event_not_found", "Ledger event " + command.ledgerEventId() + " not found");
        }
        LedgerAllocatedEvent earlier = allocations.get(command.allocationId());
        if (earlier != null) {
            return answer(earlier, true);
        }
        requireValid(command.shares());
        List<AllocationRow> rows = new ArrayList<>();
        for (AllocationShare share : command.shares()) {
            rows.add(new AllocationRow(share.bucket(), share.percent(),
                    plain(amount.multiply(share.percent()).divide(HUNDRED, 8, RoundingMode.HALF_EVEN))));
        }
        LedgerAllocatedEvent event = new LedgerAllocatedEvent(ledgerEventId, tenantId, command.allocationId(), rows,
                amount, command.policyRef() == null ? "default" : command.policyRef());
        apply(event);
        return answer(event, false);
    }

    /** The original's check and message (there a JavaScript number formatted with toFixed(2)). */
    private static void requireValid(List<AllocationShare> shares) {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < shares.size(); i++) {
            AllocationShare share = shares.get(i);
            if (!LedgerBucket.isValid(share.bucket())) {
                errors.add(new InvalidInput.FieldError("allocations[" + i + "].bucket",
                        "bucket must be one of ops, r&d, grants, reserve"));
            }
            sum = sum.add(share.percent());
        }
        if (sum.subtract(HUNDRED).abs().compareTo(TOLERANCE) > 0) {
            errors.add(new InvalidInput.FieldError("allocations", "Allocations must sum to 100%, got "
                    + sum.setScale(2, RoundingMode.HALF_UP).toPlainString() + "%"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    /** Without trailing zeros and never in exponent form (150, not 1.5E+2). */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static LedgerAllocation answer(LedgerAllocatedEvent event, boolean alreadyAllocated) {
        return new LedgerAllocation(event.ledgerEventId(), event.allocationId(), event.allocations(),
                event.totalAmount(), event.policyRef(), alreadyAllocated);
    }

    @EventSourcingHandler
    void on(LedgerEventRecordedEvent event) {
        ledgerEventId = event.ledgerEventId();
        tenantId = event.tenantId();
        amount = event.amount();
    }

    @EventSourcingHandler
    void on(LedgerAllocatedEvent event) {
        allocations.put(event.allocationId(), event);
    }
}
