package io.p3protocol.command.audit;

import io.p3protocol.kernel.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Operators (platform admin) cut a Merkle checkpoint of the audit chain now, instead of waiting for the next
 * scheduled one: 201 with the new checkpoint, or 200 with the latest one when nothing was sealed since.
 */
@RestController
@Tag(name = "Audit")
public class AuditCheckpointController {
    private final AuditCheckpointer checkpointer;

    public AuditCheckpointController(AuditCheckpointer checkpointer) {
        this.checkpointer = checkpointer;
    }

    public record CheckpointCut(long id, long treeSize, long firstSeq, long lastSeq, String root, String anchoring,
                                boolean created) {
    }

    @PostMapping("/api/audit/checkpoints")
    @Operation(summary = "Cut a Merkle checkpoint over everything sealed so far (platform admin)")
    public ResponseEntity<CheckpointCut> cut(@Parameter(hidden = true) Caller caller) {
        caller.requirePlatformAdmin();
        AuditCheckpointer.Cut cut = checkpointer.cutNow();
        CheckpointCut body = new CheckpointCut(cut.number(), cut.treeSize(), cut.firstSeq(), cut.lastSeq(), cut.root(),
                cut.anchoringRequested() ? "requested" : "not configured", cut.created());
        return ResponseEntity.status(cut.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/audit/checkpoints/" + cut.number())).body(body);
    }
}
