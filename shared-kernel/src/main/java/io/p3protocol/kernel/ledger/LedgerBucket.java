package io.p3protocol.kernel.ledger;

import java.util.List;

/** The original's allocation buckets (its ledger_allocations CHECK constraint). */
public final class LedgerBucket {
    public static final List<String> ALL = List.of("ops", "r&d", "grants", "reserve");

    private LedgerBucket() {
    }

    public static boolean isValid(String bucket) {
        return ALL.contains(bucket);
    }
}
