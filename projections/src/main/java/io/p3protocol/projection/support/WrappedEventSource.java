package io.p3protocol.projection.support;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The event store as a streaming processor sees it through a wrapper around each stream it opens; the tokens (head,
 * tail, at an instant) are the store's own, so the processor's positions mean what they always mean.
 */
public abstract class WrappedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {
    private final StreamableMessageSource<TrackedEventMessage<?>> store;

    protected WrappedEventSource(StreamableMessageSource<TrackedEventMessage<?>> store) {
        this.store = store;
    }

    /**
     * Waits on a wrapped stream for at most {@code nanos}, in whole milliseconds and at least one (the unit the
     * stream's timed wait takes); true when an event is available.
     */
    protected static boolean awaitAtMost(BlockingStream<?> events, long nanos) throws InterruptedException {
        long millis = Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)));
        return events.hasNextAvailable((int) millis, TimeUnit.MILLISECONDS);
    }

    /** Wraps one stream of the store, as it was opened for a processor. */
    protected abstract BlockingStream<TrackedEventMessage<?>> wrap(BlockingStream<TrackedEventMessage<?>> events);

    @Override
    public final BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return wrap(store.openStream(trackingToken));
    }

    @Override
    public final TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public final TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public final TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public final TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }
}
