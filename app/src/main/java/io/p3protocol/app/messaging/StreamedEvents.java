package io.p3protocol.app.messaging;

import io.p3protocol.projection.support.WrappedEventSource;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The event store as the streaming processors attached to it see it: the events their filter leaves out are left
 * out, except that a run of left-out events still hands over its last event, so the processors' tokens move past the
 * run: after {@link #MAX_LEFT_OUT_IN_A_ROW} of them, or once nothing more has been available for {@code holdBack}
 * (250 ms in the app).
 * <p>
 * Why the hold-back: at a few hundred commands a second, each command's event was a run of its own, and
 * {@code rule-triggers} (whose catch-all handler takes any event handed over) paid a whole batch for each one: a
 * transaction, its rules check and a token update. Held back, a quiet stream's last left-out event waits for the
 * next: whichever event is handed over next accounts for the run, and a stream that stays quiet hands the run over
 * after the hold-back. A processor's position trails the store by at most that much.
 * <p>
 * Two filters are in use. {@link io.p3protocol.kernel.messaging.EventSources#STREAMED_EVENTS} leaves out the events
 * whose payload type none of its processors handles; {@link io.p3protocol.kernel.messaging.EventSources#RULE_TRIGGER_EVENTS}
 * leaves out the events of tenants that have no rules (its filter is made for each stream, as it opens).
 * <p>
 * Why: a telemetry batch appends 1000 events that only a few processors handle, and every other streaming processor
 * still read each of them. A pooled processor's coordinator paid most for it: for each event it asks every work
 * package whether its queue has room, and Axon counts a {@code ConcurrentLinkedQueue} of up to 1024 entries to
 * answer; those counts were a third of the application's CPU under telemetry load.
 * <p>
 * Nothing a processor does changes, provided the filter leaves out only events its handlers would do nothing with
 * (a processor whose handlers cannot take a type, {@code canHandleType} false, cannot handle an event of that type).
 * The events handed over keep their order and their tracking tokens (a token covers every position before it, so
 * the one handed over after a run accounts for the run). Token creation (head, tail, at an instant) is the event
 * store's own.
 */
public class StreamedEvents extends WrappedEventSource {
    /** Bounds how far a processor's token trails the store during a long run of events it does not handle. */
    static final int MAX_LEFT_OUT_IN_A_ROW = 1000;

    /** How long the last event of a left-out run waits for a later event before it is handed over itself. */
    public static final Duration HOLD_BACK = Duration.ofMillis(250);

    private final Supplier<? extends Predicate<? super TrackedEventMessage<?>>> filterForNewStream;
    private final long holdBackNanos;

    /**
     * @param processing read when the first event of a type arrives, after every processor is registered
     * @param processors the names of the processors attached to this source
     */
    public StreamedEvents(StreamableMessageSource<TrackedEventMessage<?>> store,
                          Supplier<EventProcessingConfiguration> processing, Collection<String> processors) {
        this(store, payloadType -> anyHandles(processing.get(), Set.copyOf(processors), payloadType), HOLD_BACK);
    }

    StreamedEvents(StreamableMessageSource<TrackedEventMessage<?>> store, Predicate<Class<?>> handledType,
                   Duration holdBack) {
        super(store);
        HandledPayloadTypes handled = new HandledPayloadTypes(handledType);
        Predicate<TrackedEventMessage<?>> byPayloadType = event -> handled.contains(event.getPayloadType());
        this.filterForNewStream = () -> byPayloadType;
        this.holdBackNanos = holdBack.toNanos();
    }

    /**
     * @param filterForNewStream asked for a filter each time a stream opens, on the thread that opens it (so a filter
     *                           may keep state, since a stream is used by one thread at a time); an event it refuses
     *                           is left out
     */
    public StreamedEvents(StreamableMessageSource<TrackedEventMessage<?>> store,
                          Supplier<? extends Predicate<? super TrackedEventMessage<?>>> filterForNewStream) {
        this(store, filterForNewStream, HOLD_BACK);
    }

    StreamedEvents(StreamableMessageSource<TrackedEventMessage<?>> store,
                   Supplier<? extends Predicate<? super TrackedEventMessage<?>>> filterForNewStream, Duration holdBack) {
        super(store);
        this.filterForNewStream = filterForNewStream;
        this.holdBackNanos = holdBack.toNanos();
    }

    private static boolean anyHandles(EventProcessingConfiguration processing, Set<String> processors,
                                      Class<?> payloadType) {
        return processors.stream()
                .map(name -> processing.eventProcessor(name, AbstractEventProcessor.class))
                // a processor not found or of another kind: assume it handles the type, leaving nothing out
                .anyMatch(processor -> processor.map(p -> p.eventHandlerInvoker().canHandleType(payloadType))
                        .orElse(true));
    }

    /** Whether this event would reach the attached processors (rather than one per run) in a stream opened now. */
    boolean passes(TrackedEventMessage<?> event) {
        return filterForNewStream.get().test(event);
    }

    @Override
    protected BlockingStream<TrackedEventMessage<?>> wrap(BlockingStream<TrackedEventMessage<?>> events) {
        return new LeavingOut(events, filterForNewStream.get());
    }

    /** One processor's stream. Used by one thread at a time, as Axon uses its streams. */
    private final class LeavingOut implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> events;
        private final Predicate<? super TrackedEventMessage<?>> passes;
        private TrackedEventMessage<?> next; // taken from the store, to be handed over next
        private TrackedEventMessage<?> heldBack; // the last of a left-out run, while nothing has followed it
        private long heldSince; // System.nanoTime() when the run's first event was held back
        private int leftOutInARow;

        LeavingOut(BlockingStream<TrackedEventMessage<?>> events, Predicate<? super TrackedEventMessage<?>> passes) {
            this.events = events;
            this.passes = passes;
        }

        /**
         * Takes events from the store until one is to be handed over or none is available now; a held-back event
         * whose hold-back has run out is handed over.
         */
        private boolean takeAvailable() throws InterruptedException {
            while (next == null && events.hasNextAvailable()) {
                TrackedEventMessage<?> event = events.nextAvailable();
                if (passes.test(event) || ++leftOutInARow >= MAX_LEFT_OUT_IN_A_ROW) {
                    handOver(event);
                } else if (!events.hasNextAvailable()) {
                    if (heldBack == null) {
                        heldSince = System.nanoTime();
                    }
                    heldBack = event;
                }
            }
            if (next == null && heldBack != null && holdBackLeftNanos() <= 0) {
                handOver(heldBack);
            }
            return next != null;
        }

        private void handOver(TrackedEventMessage<?> event) {
            next = event;
            heldBack = null; // an event handed over accounts for every event before it
            leftOutInARow = 0;
        }

        private long holdBackLeftNanos() {
            return heldSince + holdBackNanos - System.nanoTime();
        }

        /** Waits for the store, at most {@code nanos} and at most until the held-back event is due. */
        private void awaitStore(long nanos) throws InterruptedException {
            long wait = heldBack == null ? nanos : Math.min(nanos, holdBackLeftNanos());
            if (wait > 0) {
                awaitAtMost(events, wait);
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            try {
                takeAvailable();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.ofNullable(next);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (!takeAvailable()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                awaitStore(left);
            }
            return true;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!takeAvailable()) {
                awaitStore(Long.MAX_VALUE);
            }
            TrackedEventMessage<?> event = next;
            next = null;
            return event;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return events.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            events.close();
        }
    }
}
