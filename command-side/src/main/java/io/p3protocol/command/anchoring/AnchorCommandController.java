package io.p3protocol.command.anchoring;

import io.p3protocol.kernel.anchoring.AnchorRequestOutcome;
import io.p3protocol.kernel.anchoring.AnchorRoot;
import io.p3protocol.kernel.anchoring.RequestAnchorCommand;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.errors.NotConfigured;
import io.p3protocol.kernel.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Operators (platform admin) ask for a Merkle root to be anchored (docs/anchoring.md). The answer is 202: the
 * transaction is sent and confirmed in the background; {@code GET /api/anchoring/anchors/{root}} follows it. With
 * anchoring off the answer is 503 {@code anchoring_not_configured} and nothing is recorded.
 */
@RestController
@Tag(name = "Anchoring", description = "Merkle roots anchored in the AnchorRegistry contract on an EVM chain")
public class AnchorCommandController {
    /** On-chain bytes cost gas: the meta is a short label (a checkpoint id, a range), not a document. */
    static final int MAX_META_BYTES = 1024;

    private final CommandGateway commands;
    private final AnchoringSetup setup;

    public AnchorCommandController(CommandGateway commands, AnchoringSetup setup) {
        this.commands = commands;
        this.setup = setup;
    }

    /** {@code root}: 32 bytes in hex; {@code count}: the leaves it covers (0 .. 2^63-1); {@code meta}: optional. */
    public record AnchorRequest(String root, Long count, String meta) {
    }

    public record AnchorAccepted(String root, String status, boolean newAttempt) {
    }

    @PostMapping("/api/anchoring/anchors")
    @Operation(summary = "Anchor a Merkle root on chain (platform admin); 202, then poll GET /api/anchoring/anchors/{root}")
    public ResponseEntity<AnchorAccepted> request(@Parameter(hidden = true) Caller caller,
                                                  @RequestBody AnchorRequest body) {
        caller.requirePlatformAdmin();
        String root = AnchorRoot.parse(body.root());
        if (body.count() == null || body.count() < 0) {
            throw InvalidInput.of("count", "must be a number of leaves, 0 or more");
        }
        String meta = body.meta() == null ? "" : body.meta();
        if (meta.getBytes(StandardCharsets.UTF_8).length > MAX_META_BYTES) {
            throw InvalidInput.of("meta", "must be at most " + MAX_META_BYTES + " bytes in UTF-8");
        }
        if (!setup.configured()) {
            throw new NotConfigured("anchoring_not_configured", setup.notConfiguredReason());
        }
        AnchorRequestOutcome outcome = commands.sendAndWait(new RequestAnchorCommand(root, body.count(), meta));
        return ResponseEntity.accepted().location(URI.create("/api/anchoring/anchors/" + root))
                .body(new AnchorAccepted(root, outcome.status().name(), outcome.newAttempt()));
    }
}
