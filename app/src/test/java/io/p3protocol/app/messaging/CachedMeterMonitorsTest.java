package io.p3protocol.app.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The cached monitors give exactly the meters, and counts, that Axon's own dimensional monitors give. */
class CachedMeterMonitorsTest {
    record Created(String id) {
    }

    record Renamed(String id) {
    }

    @ParameterizedTest
    @ValueSource(classes = {EventProcessor.class, EventBus.class, CommandBus.class, QueryBus.class})
    void sameMetersAndCountsAsAxonsMonitors(Class<?> componentType) {
        MeterRegistry axon = new SimpleMeterRegistry();
        MeterRegistry cached = new SimpleMeterRegistry();
        @SuppressWarnings("unchecked")
        MessageMonitor<Message<?>> axonMonitor = (MessageMonitor<Message<?>>)
                new GlobalMetricRegistry(axon).registerComponentWithDefaultTags(componentType, "component-x");
        MessageMonitor<Message<?>> cachedMonitor =
                MessageMetricsConfiguration.monitorOf(cached, componentType, "component-x");

        for (MessageMonitor<Message<?>> monitor : List.of(axonMonitor, cachedMonitor)) {
            for (Message<?> message : messages(componentType)) {
                monitor.onMessageIngested(message).reportSuccess();
                monitor.onMessageIngested(message).reportIgnored();
            }
            monitor.onMessageIngested(messages(componentType).get(0)).reportFailure(new IllegalStateException());
        }

        assertThat(summary(cached)).isNotEmpty().isEqualTo(summary(axon));
    }

    private static List<Message<?>> messages(Class<?> componentType) {
        if (CommandBus.class.equals(componentType) || QueryBus.class.equals(componentType)) {
            return List.of(GenericCommandMessage.asCommandMessage(new Created("a")),
                    GenericCommandMessage.asCommandMessage(new Renamed("a")),
                    GenericCommandMessage.asCommandMessage(new Renamed("b")));
        }
        return List.of(GenericEventMessage.asEventMessage(new Created("a")),
                GenericEventMessage.asEventMessage(new Renamed("a")),
                GenericEventMessage.asEventMessage(new Renamed("b")));
    }

    /** Every meter by name, tags and kind, with its count (counters and timers; gauges hold timings). */
    private static Map<String, String> summary(MeterRegistry registry) {
        Map<String, String> meters = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String value = meter instanceof Counter c ? String.valueOf(c.count())
                    : meter instanceof Timer t ? String.valueOf(t.count()) : "-";
            meters.put(meter.getId().getName() + meter.getId().getTags() + " " + meter.getId().getType(), value);
        }
        return meters;
    }
}
