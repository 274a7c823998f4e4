package io.p3protocol.command.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.command.rules.conditions.Condition;
import io.p3protocol.kernel.rules.RuleStatus;

import java.util.Comparator;

/**
 * A rule ready for evaluation: its condition parsed once. {@code createdPosition} is the global index of the
 * event that created it; the original broke priority ties by {@code created_at DESC}, so does this.
 */
record CompiledRule(String ruleId, String tenantId, String name, Condition condition, JsonNode action, int priority,
                    RuleStatus status, long createdPosition) {

    /** The original's evaluation order: priority descending, then the newest rule first. */
    static final Comparator<CompiledRule> EVALUATION_ORDER = Comparator.comparingInt(CompiledRule::priority).reversed()
            .thenComparing(Comparator.comparingLong(CompiledRule::createdPosition).reversed());
}
