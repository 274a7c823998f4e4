package io.p3protocol.query.reports;

import java.time.Instant;

/**
 * One report run.
 *
 * @param report        the report's name
 * @param title         its human title
 * @param asOf          the instant described (millisecond precision, like the store's timestamps)
 * @param tenantId      the tenant the run was limited to, or null for all tenants
 * @param generatedAt   when the replay ran
 * @param eventsApplied events of the scope replayed into the report
 * @param range         the event range the run read, with the Merkle root and anchor that vouch for it
 * @param data          the report body
 */
public record ReportResult(String report, String title, Instant asOf, String tenantId, Instant generatedAt,
                           long eventsApplied, ReportRange range, Object data) {
}
