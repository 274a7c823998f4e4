package io.p3protocol.kernel.rules;

import java.time.Instant;

/**
 * One row of {@code rule_triggers}: a rule matched (or failed to evaluate against) an event. {@code results} is the
 * JSON array of action results (simulated for TESTING), null while a live execution's actions have not run yet.
 * {@code status}: RECORDED (testing, or a condition error: nothing to run), PENDING, COMPLETED, FAILED.
 */
public record RuleTriggerSummary(String executionId, String tenantId, String ruleId, String ruleName, String eventId,
                                 String eventType, String aggregateId, Instant eventTimestamp, String mode,
                                 boolean matched, String error, String status, String results, int attempts,
                                 long durationMillis, Instant triggeredAt, Instant completedAt, long listPosition) {
}
