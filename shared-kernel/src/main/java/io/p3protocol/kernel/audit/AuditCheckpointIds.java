package io.p3protocol.kernel.audit;

/**
 * Checkpoints are numbered 1, 2, 3, ...; the aggregate of checkpoint n is {@code audit-checkpoint-n}. A fixed id
 * per number means two nodes cutting "the next" checkpoint at once cannot both succeed: the event store refuses the
 * second stream with the same id.
 */
public final class AuditCheckpointIds {
    private static final String PREFIX = "audit-checkpoint-";

    private AuditCheckpointIds() {
    }

    public static String of(long number) {
        return PREFIX + number;
    }
}
