package io.p3protocol.kernel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The outcome of one attempt at running an execution's actions: the original's ActionResult of each action in
 * order ({@code [{success, result?, error?, metadata?}]}), whether all succeeded, and how long the attempt took.
 */
public record RecordRuleActionResultsCommand(@TargetAggregateIdentifier String executionId, String tenantId,
                                             JsonNode results, boolean succeeded, long durationMillis)
        implements TenantScoped {
}
