package io.p3protocol.app.messaging;

import io.p3protocol.kernel.messaging.HighVolume;
import org.axonframework.config.Configurer;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's dimensional Micrometer monitors on every bus and processor (as {@code axon.metrics.micrometer.dimensional}
 * would give), except for {@link HighVolume} events, which no per-message monitor sees. Replaces Axon's own
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
                        new SkippingHighVolume(registry.registerComponentWithDefaultTags(componentType, componentName)));
            }
        };
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
