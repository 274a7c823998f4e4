package io.p3protocol.app.messaging;

import io.p3protocol.kernel.messaging.HighVolume;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.function.Function;

/**
 * Axon's dimensional Micrometer meters on every bus and processor (as {@code axon.metrics.micrometer.dimensional}
 * would give: the same components, meter names and tags as {@link GlobalMetricRegistry#registerComponentWithDefaultTags}),
 * recorded by {@link CachedMeterMonitors}, which look each meter up once per payload type instead of per message,
 * and never for {@link HighVolume} events, which no per-message monitor sees. Replaces Axon's own
 * {@link MetricsConfigurerModule} bean, which is conditional on this one being missing.
 */
@Configuration(proxyBeanMethods = false)
public class MessageMetricsConfiguration {

    @Bean
    public MetricsConfigurerModule metricsConfigurerModule(GlobalMetricRegistry registry) {
        return new MetricsConfigurerModule(registry, true) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.configureMessageMonitor(configuration -> (componentType, componentName) ->
                        new SkippingHighVolume(monitorOf(registry.getRegistry(), componentType, componentName)));
            }
        };
    }

    /** The monitors Axon's GlobalMetricRegistry#registerComponentWithDefaultTags gives each kind of component. */
    static MessageMonitor<Message<?>> monitorOf(MeterRegistry meters, Class<?> componentType, String componentName) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            String prefix = "eventProcessor";
            Function<Class<?>, Tags> tags = CachedMeterMonitors.payloadTypeAndProcessorTags(componentName);
            return new MultiMessageMonitor<>(List.of(
                    new CachedMeterMonitors.Timers(prefix, meters, tags),
                    new CachedMeterMonitors.Latency(prefix, meters, Tags.of(TagsUtil.PROCESSOR_NAME_TAG, componentName)),
                    new CachedMeterMonitors.Capacity(prefix, meters, tags),
                    new CachedMeterMonitors.Counters(prefix, meters, tags)));
        }
        if (EventBus.class.isAssignableFrom(componentType)) {
            return new MultiMessageMonitor<>(List.of(
                    new CachedMeterMonitors.Counters(componentName, meters, CachedMeterMonitors.noTags()),
                    new CachedMeterMonitors.Timers(componentName, meters, CachedMeterMonitors.payloadTypeTags())));
        }
        if (CommandBus.class.isAssignableFrom(componentType) || QueryBus.class.isAssignableFrom(componentType)
                || QueryUpdateEmitter.class.isAssignableFrom(componentType)) {
            Function<Class<?>, Tags> tags = CachedMeterMonitors.payloadTypeTags();
            return new MultiMessageMonitor<>(List.of(
                    new CachedMeterMonitors.Timers(componentName, meters, tags),
                    new CachedMeterMonitors.Capacity(componentName, meters, tags),
                    new CachedMeterMonitors.Counters(componentName, meters, tags)));
        }
        return NoOpMessageMonitor.instance();
    }

    /** Passes every message to the delegate except those whose payload is {@link HighVolume}. */
    static final class SkippingHighVolume implements MessageMonitor<Message<?>> {
        private static final ClassValue<Boolean> HIGH_VOLUME = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                return HighVolume.class.isAssignableFrom(type);
            }
        };

        private final MessageMonitor<Message<?>> delegate;

        @SuppressWarnings("unchecked")
        SkippingHighVolume(MessageMonitor<? extends Message<?>> delegate) {
            this.delegate = (MessageMonitor<Message<?>>) delegate;
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            if (HIGH_VOLUME.get(message.getPayloadType())) {
                return NoOpMessageMonitorCallback.INSTANCE;
            }
            return delegate.onMessageIngested(message);
        }
    }
}
