package io.p3protocol.projection.support;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An event source for a tracking processor whose batches cost a fixed number of statements, however few events they
 * hold: once a batch has its first event, the batch waits up to {@code linger} for more before it closes.
 * <p>
 * A tracking processor takes into a batch what is available at that instant. At a few hundred commands a second
 * that is one event, so each event paid the whole batch (a transaction, the batch's statements, a token update). A
 * batch that lingers a few milliseconds gathers the events that arrive meanwhile, as Kafka's {@code linger.ms}
 * does. A batch that fills up, or a processor that is behind, does not wait at all; the only cost is that an event
 * arriving alone is handled up to {@code linger} later.
 * <p>
 * How it knows where a batch starts: Axon's tracking processor opens each batch with a timed
 * {@link BlockingStream#hasNextAvailable(int, TimeUnit)}, then fills it through {@link BlockingStream#peek()} and
 * {@link BlockingStream#nextAvailable()}, which must not block. Here {@code peek} blocks (at most until the batch's
 * deadline) while nothing is available. Meant for a tracking processor only: a pooled processor's coordinator reads
 * its stream in another pattern.
 */
public final class LingeringEvents extends WrappedEventSource {
    private final long lingerNanos;

    public LingeringEvents(StreamableMessageSource<TrackedEventMessage<?>> store, Duration linger) {
        super(store);
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative: " + linger);
        }
        this.lingerNanos = linger.toNanos();
    }

    @Override
    protected BlockingStream<TrackedEventMessage<?>> wrap(BlockingStream<TrackedEventMessage<?>> events) {
        return lingerNanos == 0 ? events : new Lingering(events);
    }

    /** One processor's stream, used by one thread at a time. */
    private final class Lingering implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> events;
        private long batchDeadline; // System.nanoTime() until which peek waits; meaningful while inBatch
        private boolean inBatch;

        Lingering(BlockingStream<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            boolean available = events.hasNextAvailable(timeout, unit);
            if (available && timeout > 0) { // the timed wait that opens a batch
                inBatch = true;
                batchDeadline = System.nanoTime() + lingerNanos;
            }
            return available;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            Optional<TrackedEventMessage<?>> next = events.peek();
            try {
                while (next.isEmpty() && inBatch) {
                    long left = batchDeadline - System.nanoTime();
                    if (left <= 0) {
                        inBatch = false;
                        break;
                    }
                    awaitAtMost(events, left);
                    next = events.peek();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                inBatch = false;
            }
            return next;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return events.nextAvailable();
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return events.setOnAvailableCallback(callback);
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            events.close();
        }
    }
}
