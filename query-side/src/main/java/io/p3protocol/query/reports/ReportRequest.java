package io.p3protocol.query.reports;

import java.time.Instant;

/**
 * @param tenantId the only tenant whose events the report sees, or null for all tenants (platform admin)
 * @param asOf     the instant the report describes: events stamped later are not replayed
 */
public record ReportRequest(String tenantId, Instant asOf) {
}
