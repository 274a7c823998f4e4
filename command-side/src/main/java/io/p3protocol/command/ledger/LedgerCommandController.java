package io.p3protocol.command.ledger;

import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.ledger.RecordLedgerEventCommand;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Ledger events: amounts that {@code ledger_allocate} rule actions split into buckets (docs/rules.md). */
@RestController
@Tag(name = "Ledger", description = "Ledger events that rules allocate into ops, r&d, grants and reserve")
public class LedgerCommandController {
    private final CommandGateway commands;

    public LedgerCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    public record LedgerEventRequest(BigDecimal amount, String currency, String memo) {
    }

    public record LedgerEventRecorded(String ledgerEventId) {
    }

    @PostMapping("/api/ledger/events")
    @Operation(summary = "Record a ledger event (an amount > 0) for the key's tenant; 201 with its ledgerEventId.")
    public ResponseEntity<LedgerEventRecorded> record(@Parameter(hidden = true) Caller caller,
                                                      @RequestBody LedgerEventRequest request) {
        if (caller.platformAdmin()) {
            throw new AccessDenied("tenant_key_required", "Ledger events belong to a tenant: use a tenant key.");
        }
        caller.requireRole(Role.OPERATOR);
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (request.amount() == null || request.amount().signum() <= 0) {
            errors.add(new InvalidInput.FieldError("amount", "must be a number greater than 0"));
        }
        if (request.currency() != null && !request.currency().matches("[A-Za-z0-9]{1,12}")) {
            errors.add(new InvalidInput.FieldError("currency", "must be 1 to 12 letters or digits"));
        }
        if (request.memo() != null && request.memo().length() > 500) {
            errors.add(new InvalidInput.FieldError("memo", "must be at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String ledgerEventId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordLedgerEventCommand(ledgerEventId, caller.tenantId(), request.amount(),
                request.currency(), request.memo()));
        return ResponseEntity.created(URI.create("/api/ledger/events/" + ledgerEventId))
                .body(new LedgerEventRecorded(ledgerEventId));
    }
}
