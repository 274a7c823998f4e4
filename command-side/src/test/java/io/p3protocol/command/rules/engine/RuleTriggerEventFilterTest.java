package io.p3protocol.command.rules.engine;

import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.rules.RuleCreatedEvent;
import io.p3protocol.kernel.rules.RuleDeletedEvent;
import io.p3protocol.kernel.rules.RuleStatus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class RuleTriggerEventFilterTest {
    record SomethingHappened(String tenantId) {
    }

    private final RuleEngineStore store = mock(RuleEngineStore.class);
    private final RuleTriggerEventFilter filter = new RuleTriggerEventFilter(store);

    private Predicate<EventMessage<?>> streamOpeningWithRulesOf(String... tenants) {
        when(store.tenantsWithRules()).thenReturn(new HashSet<>(Set.of(tenants)));
        return filter.forNewStream();
    }

    private static EventMessage<?> eventOf(String tenantId) {
        return GenericEventMessage.asEventMessage(new SomethingHappened(tenantId))
                .andMetaData(Map.of(MetadataKeys.TENANT_ID, tenantId));
    }

    private static EventMessage<?> ruleCreatedFor(String tenantId) {
        return GenericEventMessage.asEventMessage(new RuleCreatedEvent("r-1", tenantId, "name", null, null, null, 0,
                RuleStatus.ACTIVE)).andMetaData(Map.of(MetadataKeys.TENANT_ID, "platform"));
    }

    @Test
    void anEventOfATenantWithAStoredRulePasses() {
        assertThat(streamOpeningWithRulesOf("t-1").test(eventOf("t-1"))).isTrue();
    }

    @Test
    void anEventOfATenantWithoutRulesIsLeftOut() {
        assertThat(streamOpeningWithRulesOf("t-1").test(eventOf("t-2"))).isFalse();
    }

    @Test
    void anEventWithoutATenantIsLeftOut() {
        assertThat(streamOpeningWithRulesOf("t-1").test(GenericEventMessage.asEventMessage(new SomethingHappened(null))))
                .isFalse();
    }

    @Test
    void ruleEventsAlwaysPass() {
        Predicate<EventMessage<?>> stream = streamOpeningWithRulesOf();

        assertThat(stream.test(GenericEventMessage.asEventMessage(new RuleDeletedEvent("r-1", "t-3")))).isTrue();
    }

    /** The rule's tenant is taken from the event itself, not from who created it (the metadata). */
    @Test
    void afterARuleCreatedInTheStreamTheEventsOfItsTenantPass() {
        Predicate<EventMessage<?>> stream = streamOpeningWithRulesOf();
        assertThat(stream.test(eventOf("t-2"))).isFalse();

        stream.test(ruleCreatedFor("t-2"));

        assertThat(stream.test(eventOf("t-2"))).isTrue();
    }

    @Test
    void eachStreamStartsFromTheStoreAsItOpens() {
        streamOpeningWithRulesOf().test(ruleCreatedFor("t-2"));

        assertThat(streamOpeningWithRulesOf().test(eventOf("t-2"))).isFalse();
    }
}
