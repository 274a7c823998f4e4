package io.p3protocol.query.audit;

import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * Merkle checkpoints of the audit chain and their proofs (docs/audit.md). The {@code admin} role, like the export:
 * a tenant key gets inclusion proofs of its own tenant's events only (others are 404); checkpoints and consistency
 * proofs carry only hashes, no tenant's data.
 */
@RestController
@Tag(name = "Audit")
public class AuditProofController {
    private final AuditProofs proofs;

    public AuditProofController(AuditProofs proofs) {
        this.proofs = proofs;
    }

    @GetMapping("/api/audit/proof/{eventId}")
    @Operation(summary = "RFC 6962 inclusion proof of a sealed event against the smallest checkpoint covering it")
    public AuditProofs.InclusionProof proof(@Parameter(hidden = true) Caller caller, @PathVariable String eventId) {
        caller.requireRole(Role.ADMIN);
        return proofs.inclusion(eventId, caller);
    }

    @GetMapping("/api/audit/consistency")
    @Operation(summary = "RFC 6962 consistency proof from an older checkpoint to a newer one")
    public AuditProofs.ConsistencyProof consistency(@Parameter(hidden = true) Caller caller,
                                                    @RequestParam(required = false) String from,
                                                    @RequestParam(required = false) String to) {
        caller.requireRole(Role.ADMIN);
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        Long older = checkpointId("from", from, errors);
        Long newer = checkpointId("to", to, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return proofs.consistency(older, newer);
    }

    @GetMapping("/api/audit/checkpoints")
    @Operation(summary = "The latest Merkle checkpoints, newest first, with their anchoring status")
    public List<AuditCheckpointView> checkpoints(@Parameter(hidden = true) Caller caller,
                                                 @RequestParam(required = false) String limit) {
        caller.requireRole(Role.ADMIN);
        int count = 50;
        if (limit != null) {
            try {
                count = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > 1000) {
                throw InvalidInput.of("limit", "must be a whole number from 1 to 1000");
            }
        }
        return proofs.checkpoints(count);
    }

    @GetMapping("/api/audit/checkpoints/{id}")
    @Operation(summary = "One Merkle checkpoint with its anchoring status")
    public AuditCheckpointView checkpoint(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
        caller.requireRole(Role.ADMIN);
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        Long number = checkpointId("id", id, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return proofs.checkpoint(number);
    }

    private static Long checkpointId(String field, String text, List<InvalidInput.FieldError> errors) {
        return AuditProofs.parseId(text).orElseGet(() -> {
            errors.add(new InvalidInput.FieldError(field, "must be a checkpoint id (a whole number from 1)"));
            return null;
        });
    }
}
