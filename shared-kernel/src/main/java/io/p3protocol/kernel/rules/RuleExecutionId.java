package io.p3protocol.kernel.rules;

/**
 * The id of the one execution of a rule for an event: {@code <ruleId>@<eventId>}. Deterministic, so evaluating the
 * same rule against the same event again (a replay, a redelivery after a crash) names the same execution, which
 * already exists and is not created again.
 */
public final class RuleExecutionId {
    private RuleExecutionId() {
    }

    public static String of(String ruleId, String eventId) {
        return ruleId + "@" + eventId;
    }
}
