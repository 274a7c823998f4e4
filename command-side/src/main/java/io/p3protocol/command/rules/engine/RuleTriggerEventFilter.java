package io.p3protocol.command.rules.engine;

import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Which events the {@value RuleTriggerProcessor#PROCESSING_GROUP} processor needs to see: the rules engine's own
 * events, and the events of tenants that have rules. Its event source leaves the others out (see
 * {@code io.p3protocol.app.messaging.StreamedEvents}), because {@link RuleTriggerProcessor} does nothing with an
 * event of a tenant without rules, yet each one still cost the processor a unit of work: telemetry arrives by the
 * thousand, mostly from tenants without any rule.
 * <p>
 * A filter is made for each stream as it opens and must never leave out an event whose tenant has a rule at that
 * point of the stream. It starts from the tenants in the rule store, which the processor updates in the same
 * transaction as its token, so the store is as of the position the stream opens at (empty after a reset, when the
 * stream opens at the start). It then adds the tenant of every rule event it passes, before any later event of that
 * tenant, since the stream keeps store order. It only ever adds: a tenant whose rules were deleted or deactivated is
 * still passed, and the processor finds no rule to evaluate.
 */
@Component
public class RuleTriggerEventFilter {
    private final RuleEngineStore store;

    public RuleTriggerEventFilter(RuleEngineStore store) {
        this.store = store;
    }

    /** A filter for a stream opening now; used by one thread at a time, as a stream is. */
    public Predicate<EventMessage<?>> forNewStream() {
        return new TenantsWithRules(store.tenantsWithRules());
    }

    private record TenantsWithRules(Set<String> tenants) implements Predicate<EventMessage<?>> {
        @Override
        public boolean test(EventMessage<?> event) {
            if (event.getPayloadType().getPackageName().equals(RuleTriggerProcessor.RULES_PACKAGE)) {
                if (event.getPayload() instanceof TenantScoped ruleEvent && ruleEvent.tenantId() != null) {
                    tenants.add(ruleEvent.tenantId());
                }
                return true;
            }
            return event.getMetaData().get(MetadataKeys.TENANT_ID) instanceof String tenant && tenants.contains(tenant);
        }
    }
}
