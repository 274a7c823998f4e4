package io.p3protocol.app.messaging;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.command.apikeys.ApiKey;
import io.p3protocol.command.tenancy.Tenant;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tenants and API keys are instantiated by the plain factory; a snapshot is the aggregate itself. */
@IntegrationTest
class PlainAggregateFactoryTest {
    static class Counter {
        int applied;

        Counter() {
        }
    }

    static class NoDefaultConstructor {
        NoDefaultConstructor(int ignored) {
        }
    }

    @Autowired
    Configuration axon;

    @Test
    void theTenantAndApiKeyRepositoriesUseThePlainFactory() {
        assertThat(((EventSourcingRepository<?>) axon.repository(Tenant.class)).getAggregateFactory())
                .isInstanceOf(PlainAggregateFactory.class);
        assertThat(((EventSourcingRepository<?>) axon.repository(ApiKey.class)).getAggregateFactory())
                .isInstanceOf(PlainAggregateFactory.class);
    }

    @Test
    void aFirstEventGivesAFreshInstance() {
        PlainAggregateFactory<Counter> factory = new PlainAggregateFactory<>(Counter.class);

        Counter first = factory.createAggregateRoot("c-1", new GenericDomainEventMessage<>("Counter", "c-1", 0, "created"));
        Counter second = factory.createAggregateRoot("c-2", new GenericDomainEventMessage<>("Counter", "c-2", 0, "created"));

        assertThat(first).isNotNull().isNotSameAs(second);
        assertThat(first.applied).isZero();
    }

    @Test
    void aSnapshotIsTheAggregate() {
        Counter snapshot = new Counter();
        snapshot.applied = 7;
        PlainAggregateFactory<Counter> factory = new PlainAggregateFactory<>(Counter.class);

        Counter restored = factory.createAggregateRoot("c-1", new GenericDomainEventMessage<>("Counter", "c-1", 6, snapshot));

        assertThat(restored).isSameAs(snapshot);
    }

    @Test
    void anAggregateWithoutANoArgConstructorIsRefused() {
        assertThatThrownBy(() -> new PlainAggregateFactory<>(NoDefaultConstructor.class))
                .isInstanceOf(IncompatibleAggregateException.class);
    }
}
