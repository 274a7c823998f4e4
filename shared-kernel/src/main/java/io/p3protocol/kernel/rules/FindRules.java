package io.p3protocol.kernel.rules;

/** A tenant's rules in evaluation order (priority descending, newest first on ties); {@code status} null = any. */
public record FindRules(String tenantId, RuleStatus status) {
}
