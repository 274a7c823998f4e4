package io.p3protocol.query.reports;

import io.p3protocol.kernel.anchoring.AnchorSummary;
import io.p3protocol.query.audit.AuditCheckpointView;

/** The range statement of a report as one-line texts, for the HTML page and the CSV answer's headers. */
final class ReportRangeText {
    private ReportRangeText() {
    }

    static String range(ReportRange range) {
        return range.lastSeq() == null ? "no events"
                : "global seq " + range.firstSeq() + ".." + range.lastSeq() + " (" + range.events() + " events)";
    }

    static String checkpoint(AuditCheckpointView checkpoint) {
        return checkpoint == null ? "none yet" : "#" + checkpoint.id() + ", tree size " + checkpoint.treeSize()
                + ", last seq " + checkpoint.lastSeq() + ", root " + checkpoint.root();
    }

    static String anchor(AuditCheckpointView checkpoint) {
        if (checkpoint == null) {
            return "none";
        }
        AnchorSummary anchor = checkpoint.anchor();
        if (anchor == null) {
            return checkpoint.anchoring(); // "not configured" or "requested": never a pretended transaction
        }
        return anchor.status() + (anchor.txHash() == null ? "" : ", tx " + anchor.txHash())
                + (anchor.chainId() == null ? "" : ", chain " + anchor.chainId())
                + (anchor.blockNumber() == null ? "" : ", block " + anchor.blockNumber());
    }
}
