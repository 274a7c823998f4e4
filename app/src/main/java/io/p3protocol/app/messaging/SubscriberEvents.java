package io.p3protocol.app.messaging;

import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.messaging.SubscribableMessageSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The event bus as the subscribing processors see it ({@link io.p3protocol.kernel.messaging.EventSources#SUBSCRIBER_EVENTS}):
 * every published batch, minus the events whose payload type no subscribing processor has a handler for.
 * <p>
 * Why: subscribing processors run on the publishing thread, inside the command's transaction, and Axon asks each of
 * them whether it can handle each event (several stream pipelines per event and processor). A telemetry request
 * publishes 1000 events that none of them handles, and those questions were a quarter of the request's CPU. Here the
 * answer is computed once per payload type: a processor whose handlers cannot take a type
 * ({@code canHandleType} false) cannot handle any event of that type either, so removing such events changes nothing
 * a processor does. Events some subscribing processor can handle still go to every subscriber, which checks them as
 * before; the order of the remaining events and the transaction they are handled in are unchanged.
 */
public class SubscriberEvents implements SubscribableMessageSource<EventMessage<?>> {
    private final EventBus events;
    private final Supplier<EventProcessingConfiguration> processing;
    private final HandledPayloadTypes handled = new HandledPayloadTypes(this::anySubscribingProcessorHandles);

    /** @param processing read when the first event of a type arrives, after every processor is registered */
    public SubscriberEvents(EventBus events, Supplier<EventProcessingConfiguration> processing) {
        this.events = events;
        this.processing = processing;
    }

    @Override
    public Registration subscribe(Consumer<List<? extends EventMessage<?>>> subscriber) {
        return events.subscribe(batch -> {
            List<? extends EventMessage<?>> relevant = handledOnly(batch);
            if (!relevant.isEmpty()) {
                subscriber.accept(relevant);
            }
        });
    }

    List<? extends EventMessage<?>> handledOnly(List<? extends EventMessage<?>> batch) {
        int i = 0;
        while (i < batch.size() && handled.contains(batch.get(i).getPayloadType())) {
            i++;
        }
        if (i == batch.size()) {
            return batch; // the usual case outside telemetry: nothing to leave out, no copy
        }
        List<EventMessage<?>> relevant = new ArrayList<>(batch.subList(0, i));
        for (i++; i < batch.size(); i++) {
            EventMessage<?> event = batch.get(i);
            if (handled.contains(event.getPayloadType())) {
                relevant.add(event);
            }
        }
        return relevant;
    }

    private boolean anySubscribingProcessorHandles(Class<?> payloadType) {
        return processing.get().eventProcessors().values().stream()
                .filter(SubscribingEventProcessor.class::isInstance)
                .map(p -> ((SubscribingEventProcessor) p).eventHandlerInvoker())
                .anyMatch(invoker -> invoker.canHandleType(payloadType));
    }
}
