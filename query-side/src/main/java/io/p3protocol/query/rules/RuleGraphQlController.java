package io.p3protocol.query.rules;

import io.p3protocol.kernel.rules.FindRule;
import io.p3protocol.kernel.rules.FindRuleTriggers;
import io.p3protocol.kernel.rules.FindRules;
import io.p3protocol.kernel.rules.RuleStatus;
import io.p3protocol.kernel.rules.RuleSummary;
import io.p3protocol.kernel.rules.RuleTriggerPage;
import io.p3protocol.kernel.rules.RuleTriggerSummary;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.query.graphql.Connection;
import io.p3protocol.query.graphql.GraphQlCaller;
import io.p3protocol.query.graphql.InvalidGraphQlArgument;
import io.p3protocol.query.graphql.PageCursors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code rules}, {@code rule} and {@code ruleTriggers} (query-side/src/main/resources/graphql/rules.graphqls). A
 * tenant key sees its own tenant (naming another is NOT_FOUND); the platform admin names the tenant.
 */
@Controller
public class RuleGraphQlController {
    private final QueryGateway queries;

    public RuleGraphQlController(QueryGateway queries) {
        this.queries = queries;
    }

    @QueryMapping
    public CompletableFuture<List<RuleSummary>> rules(@ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller,
                                                      @Argument String tenantId, @Argument RuleStatus status) {
        return queries.query(new FindRules(tenant(caller, tenantId), status),
                ResponseTypes.multipleInstancesOf(RuleSummary.class));
    }

    @QueryMapping
    public CompletableFuture<RuleSummary> rule(@ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller,
                                               @Argument String id, @Argument String tenantId) {
        return queries.query(new FindRule(tenant(caller, tenantId), id),
                        ResponseTypes.optionalInstanceOf(RuleSummary.class))
                .thenApply(found -> found.orElse(null));
    }

    @QueryMapping
    public CompletableFuture<Connection<RuleTriggerSummary>> ruleTriggers(
            @ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller, @Argument String tenantId,
            @Argument String ruleId, @Argument String eventType, @Argument Instant from, @Argument Instant to,
            @Argument Boolean matched, @Argument Integer first, @Argument String after) {
        String tenant = tenant(caller, tenantId);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidGraphQlArgument("invalid_time_range", "'from' must be before 'to'.");
        }
        PageCursors.PageRequest page = PageCursors.RULE_TRIGGERS.request(first, after);
        return queries.query(new FindRuleTriggers(tenant, ruleId, eventType, from, to, matched, page.afterPosition(),
                        page.limit()), RuleTriggerPage.class)
                .thenApply(result -> Connection.of(result.triggers(), RuleTriggerSummary::listPosition,
                        PageCursors.RULE_TRIGGERS, result.hasPrevious(), result.hasMore()));
    }

    @SchemaMapping(typeName = "Rule", field = "id")
    public String ruleId(RuleSummary rule) {
        return rule.ruleId();
    }

    @SchemaMapping(typeName = "Rule", field = "status")
    public String ruleStatus(RuleSummary rule) {
        return rule.status().name();
    }

    private static String tenant(Caller caller, String requested) {
        caller.requireRole(Role.VIEWER);
        String tenant = caller.scopeTenant(requested);
        if (tenant == null) {
            throw new InvalidGraphQlArgument("tenant_required", "The platform admin must name the tenant (tenantId).");
        }
        return tenant;
    }
}
