package io.p3protocol.app.messaging;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class SubscriberEventsTest {
    record Handled(int n) {
    }

    record Ignored(int n) {
    }

    static class HandlesOnlyHandled {
        @EventHandler
        void on(Handled event) {
        }
    }

    private final SimpleEventBus bus = SimpleEventBus.builder().build();
    private final List<List<? extends EventMessage<?>>> received = new ArrayList<>();

    @BeforeEach
    void subscribe() {
        SubscribingEventProcessor processor = SubscribingEventProcessor.builder().name("p")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new HandlesOnlyHandled()).build())
                .messageSource(bus).build();
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(Map.of("p", processor));
        new SubscriberEvents(bus, () -> processing).subscribe(received::add);
    }

    @Test
    void leavesOutOnlyTheEventsNoSubscribingProcessorHandlesKeepingTheOrder() {
        bus.publish(event(new Handled(1)), event(new Ignored(2)), event(new Handled(3)), event(new Ignored(4)));

        assertThat(received).hasSize(1);
        assertThat(received.get(0).stream().<Object>map(EventMessage::getPayload).toList())
                .containsExactly(new Handled(1), new Handled(3));
    }

    @Test
    void aBatchOfOnlyUnhandledEventsReachesNoSubscriber() {
        bus.publish(event(new Ignored(1)), event(new Ignored(2)));

        assertThat(received).isEmpty();
    }

    private static EventMessage<?> event(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }
}
