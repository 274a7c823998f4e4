package io.p3protocol.kernel.rules;

import java.time.Instant;

/** A page of a tenant's rule triggers, oldest first, with optional filters (null = any). Answer: RuleTriggerPage. */
public record FindRuleTriggers(String tenantId, String ruleId, String eventType, Instant from, Instant to,
                               Boolean matched, Long afterPosition, int limit) {
}
