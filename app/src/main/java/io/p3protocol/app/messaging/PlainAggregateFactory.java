package io.p3protocol.app.messaging;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.IncompatibleAggregateException;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Makes the empty instance an aggregate's events are applied to with its no-argument constructor, or takes the
 * aggregate from its snapshot, as Axon's factories do ({@code AbstractAggregateFactory}), for an aggregate that is not
 * polymorphic and has nothing injected by Spring.
 * <p>
 * Why: Axon's Spring default ({@code SpringPrototypeAggregateFactory}) asks the application context for a new
 * prototype bean every time an aggregate is loaded from its events, which runs Spring's whole bean-creation path
 * (definition merge, instantiation strategy, every bean post-processor) for a plain object: about a tenth of the
 * request's CPU when a key is issued (the tenant is loaded for every issue). Axon uses a bean named
 * {@code <aggregate>AggregateFactory} instead of its default when there is one.
 */
public final class PlainAggregateFactory<T> implements AggregateFactory<T> {
    private final Class<T> type;
    private final Constructor<T> constructor;

    public PlainAggregateFactory(Class<T> type) {
        this.type = type;
        try {
            this.constructor = type.getDeclaredConstructor();
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IncompatibleAggregateException("The aggregate [" + type.getName()
                    + "] doesn't provide a no-arg constructor.");
        }
    }

    @Override
    public T createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
        if (type.equals(firstEvent.getPayloadType())) {
            return type.cast(firstEvent.getPayload()); // a snapshot: the aggregate itself
        }
        try {
            return constructor.newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IncompatibleAggregateException("The aggregate [" + type.getSimpleName()
                    + "] could not be created with its no-arg constructor.", e);
        }
    }

    @Override
    public Class<T> getAggregateType() {
        return type;
    }
}
