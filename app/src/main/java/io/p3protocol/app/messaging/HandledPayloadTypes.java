package io.p3protocol.app.messaging;

import java.util.function.Predicate;

/**
 * Which payload types a set of processors handles, each type decided once, when its first event arrives (after
 * every processor is registered), and then read without locking. Shared by the event sources that leave out what
 * their processors cannot handle ({@link SubscriberEvents}, {@link StreamedEvents}).
 */
final class HandledPayloadTypes {
    private final ClassValue<Boolean> handled;

    /** @param anyProcessorHandles asked once per payload type */
    HandledPayloadTypes(Predicate<Class<?>> anyProcessorHandles) {
        this.handled = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> payloadType) {
                return anyProcessorHandles.test(payloadType);
            }
        };
    }

    boolean contains(Class<?> payloadType) {
        return handled.get(payloadType);
    }
}
