package io.p3protocol.kernel.rules;

/** One rule of a tenant (answer: Optional of RuleSummary). */
public record FindRule(String tenantId, String ruleId) {
}
