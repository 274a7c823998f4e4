package io.p3protocol.app.messaging;

import io.p3protocol.command.apikeys.ApiKey;
import io.p3protocol.command.tenancy.Tenant;
import org.axonframework.eventsourcing.AggregateFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Plain factories ({@link PlainAggregateFactory}) for the aggregates loaded on the hot command paths, tenants (every
 * key issue) and API keys. Axon picks a bean by the name {@code <aggregate>AggregateFactory}. Only for aggregates
 * with nothing injected by Spring.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateFactoryConfiguration {

    @Bean
    public AggregateFactory<Tenant> tenantAggregateFactory() {
        return new PlainAggregateFactory<>(Tenant.class);
    }

    @Bean
    public AggregateFactory<ApiKey> apiKeyAggregateFactory() {
        return new PlainAggregateFactory<>(ApiKey.class);
    }
}
