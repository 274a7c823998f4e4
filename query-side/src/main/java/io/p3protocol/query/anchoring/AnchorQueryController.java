package io.p3protocol.query.anchoring;

import io.p3protocol.kernel.anchoring.AnchorRoot;
import io.p3protocol.kernel.anchoring.AnchorSummary;
import io.p3protocol.kernel.anchoring.FindAnchor;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/anchoring/anchors/{root}} (platform admin): the resource the POST's Location names. */
@RestController
@Tag(name = "Anchoring")
public class AnchorQueryController {
    private final QueryGateway queries;

    public AnchorQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/anchoring/anchors/{root}")
    @Operation(summary = "Status, transaction, block and confirmations of a root's anchor (platform admin)")
    public AnchorSummary anchor(@Parameter(hidden = true) Caller caller, @PathVariable String root) {
        caller.requirePlatformAdmin();
        String canonical = AnchorRoot.parse(root);
        AnchorSummary summary = queries.query(new FindAnchor(canonical),
                ResponseTypes.instanceOf(AnchorSummary.class)).join();
        if (summary == null) {
            throw new UnknownAggregate("anchor_not_found", "No anchor was requested for root " + canonical + ".");
        }
        return summary;
    }
}
