package io.p3protocol.kernel.messaging;

/** Names of the event sources processors can be attached to (Spring bean names). */
public final class EventSources {
    /**
     * The event bus as subscribing processors should see it: each published batch without the events that no
     * subscribing processor has a handler for (see io.p3protocol.app.messaging.SubscriberEvents). Every subscribing
     * processor uses it ({@code axon.eventhandling.processors.<name>.source} or its registration in code).
     */
    public static final String SUBSCRIBER_EVENTS = "subscriberEvents";

    private EventSources() {
    }
}
