package io.p3protocol.kernel.messaging;

/** Names of the event sources processors can be attached to (Spring bean names). */
public final class EventSources {
    /**
     * The event bus as subscribing processors should see it: each published batch without the events that no
     * subscribing processor has a handler for (see io.p3protocol.app.messaging.SubscriberEvents). Every subscribing
     * processor uses it ({@code axon.eventhandling.processors.<name>.source} or its registration in code).
     */
    public static final String SUBSCRIBER_EVENTS = "subscriberEvents";

    /**
     * The event store as streaming processors that handle no high-volume events should see it: without the events
     * that none of the processors attached to it handles, apart from one per run so their tokens move on (see
     * io.p3protocol.app.messaging.StreamedEvents). Attach with {@code axon.eventhandling.processors.<name>.source}.
     */
    public static final String STREAMED_EVENTS = "streamedEvents";

    /**
     * The event store as the rules engine's trigger processor should see it: without the events of tenants that have
     * no rules, apart from one per run so its token moves on (see io.p3protocol.command.rules.engine.RuleTriggerEventFilter).
     */
    public static final String RULE_TRIGGER_EVENTS = "ruleTriggerEvents";

    private EventSources() {
    }
}
