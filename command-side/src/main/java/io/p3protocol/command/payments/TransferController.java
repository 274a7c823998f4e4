package io.p3protocol.command.payments;

import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.payments.RequestTransferCommand;
import io.p3protocol.kernel.policy.Chains;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@Tag(name = "Payments", description = "Payment transfers (recorded; settlement acts on them later)")
public class TransferController {
    private final CommandGateway commands;

    public TransferController(CommandGateway commands) {
        this.commands = commands;
    }

    /** The chain is optional here: a sandboxed tenant that names none is refused by the sandbox (403), as in the original. */
    public record TransferRequest(@Size(max = 32) String chain, @NotBlank @Size(max = 42) String to,
                                  @NotBlank @Size(max = 160) String amount) {
    }

    public record TransferResponse(String transferId, String tenantId, String chain, String to, String amount,
                                   String status) {
    }

    @PostMapping("/api/payments/transfer")
    @Operation(summary = "Request a transfer on a chain (operator role; the tenant comes from the key). "
            + "A sandboxed tenant may only name a testnet.")
    public ResponseEntity<TransferResponse> transfer(@Parameter(hidden = true) Caller caller,
                                                     @Valid @RequestBody TransferRequest request) {
        caller.requireRole(Role.OPERATOR);
        if (caller.tenantId() == null) {
            throw new AccessDenied("tenant_key_required", "Transfers are made with a tenant's key, for its tenant.");
        }
        TransferTerms.checkRecipientAndAmount(request.to(), request.amount());
        String transferId = UUID.randomUUID().toString();
        commands.sendAndWait(new RequestTransferCommand(transferId, caller.tenantId(), request.chain(), request.to(),
                request.amount()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new TransferResponse(transferId, caller.tenantId(),
                Chains.normalize(request.chain()), request.to().toLowerCase(java.util.Locale.ROOT), request.amount(),
                "requested"));
    }
}
