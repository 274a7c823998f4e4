package io.p3protocol.kernel.telemetry;

import java.util.List;

public record SessionFraudPage(List<SessionFraudSignals> sessions, boolean hasMore) {
}
