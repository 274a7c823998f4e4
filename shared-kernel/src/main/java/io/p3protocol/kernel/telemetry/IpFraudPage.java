package io.p3protocol.kernel.telemetry;

import java.util.List;

public record IpFraudPage(List<IpFraudSignals> ips, boolean hasMore) {
}
