package io.p3protocol.kernel.rules;

import java.time.Instant;

/**
 * A rule as the read model has it. {@code condition} and {@code action} are the rule JSON as text.
 * {@code executionCount} and {@code lastExecutedAt} count live matches (as the original's execution_count).
 */
public record RuleSummary(String ruleId, String tenantId, String name, String description, String condition,
                          String action, int priority, RuleStatus status, long executionCount,
                          Instant lastExecutedAt, Instant createdAt, Instant updatedAt) {
}
