package io.p3protocol.projection.support;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LingeringEventsTest {

    /** A store whose stream waits (really) for appended events, and records every timed wait it was asked for. */
    static final class WaitingStore implements StreamableMessageSource<TrackedEventMessage<?>> {
        private final List<TrackedEventMessage<?>> events = new ArrayList<>();
        final List<Integer> timedWaitsMillis = new ArrayList<>();

        synchronized void append(Object payload) {
            events.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(events.size()),
                    GenericEventMessage.asEventMessage(payload)));
            notifyAll();
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
            return new BlockingStream<>() {
                int position;

                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    synchronized (WaitingStore.this) {
                        return position < events.size() ? Optional.of(events.get(position)) : Optional.empty();
                    }
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                    synchronized (WaitingStore.this) {
                        if (timeout > 0) {
                            timedWaitsMillis.add((int) unit.toMillis(timeout));
                        }
                        long deadline = System.nanoTime() + unit.toNanos(timeout);
                        while (position >= events.size()) {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) {
                                return false;
                            }
                            TimeUnit.NANOSECONDS.timedWait(WaitingStore.this, left);
                        }
                        return true;
                    }
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    synchronized (WaitingStore.this) {
                        return events.get(position++);
                    }
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private final WaitingStore store = new WaitingStore();

    @Test
    void aBatchGathersAnEventThatArrivesWhileItLingers() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream =
                new LingeringEvents(store, Duration.ofSeconds(30)).openStream(null);
        store.append("first");
        assertThat(stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue(); // opens the batch
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");

        CompletableFuture<Optional<TrackedEventMessage<?>>> peeked = CompletableFuture.supplyAsync(stream::peek);
        store.append("second");

        assertThat(peeked.get(10, TimeUnit.SECONDS).<Object>map(TrackedEventMessage::getPayload)).contains("second");
    }

    @Test
    void aBatchClosesAtItsDeadlineAndLaterPeeksDoNotWait() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream =
                new LingeringEvents(store, Duration.ofMillis(50)).openStream(null);
        store.append("only");
        stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS);
        stream.nextAvailable();
        int waitsBefore = store.timedWaitsMillis.size();

        assertThat(stream.peek()).isEmpty();
        int waitsWhileLingering = store.timedWaitsMillis.size() - waitsBefore;
        assertThat(stream.peek()).isEmpty();

        assertThat(waitsWhileLingering).isPositive();
        assertThat(store.timedWaitsMillis).hasSize(waitsBefore + waitsWhileLingering)
                .allSatisfy(millis -> assertThat(millis).isLessThanOrEqualTo(1000));
    }

    @Test
    void aPeekOutsideABatchDoesNotWait() {
        BlockingStream<TrackedEventMessage<?>> stream =
                new LingeringEvents(store, Duration.ofSeconds(30)).openStream(null);

        assertThat(stream.peek()).isEmpty();
        assertThat(store.timedWaitsMillis).isEmpty();
    }

    @Test
    void anUntimedAvailabilityCheckDoesNotOpenABatch() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream =
                new LingeringEvents(store, Duration.ofSeconds(30)).openStream(null);
        store.append("first");
        assertThat(stream.hasNextAvailable()).isTrue();
        stream.nextAvailable();

        assertThat(stream.peek()).isEmpty();
        assertThat(store.timedWaitsMillis).isEmpty();
    }

    @Test
    void aFullBatchIsNotHeldBack() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream =
                new LingeringEvents(store, Duration.ofSeconds(30)).openStream(null);
        store.append("a");
        store.append("b");
        stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS);

        assertThat(stream.nextAvailable().getPayload()).isEqualTo("a");
        assertThat(stream.peek().<Object>map(TrackedEventMessage::getPayload)).contains("b");
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(1));
        assertThat(store.timedWaitsMillis).containsExactly(1000);
    }

    @Test
    void noLingerMeansTheStoresOwnStream() {
        StreamableMessageSource<TrackedEventMessage<?>> source = new LingeringEvents(store, Duration.ZERO);

        assertThat(source.openStream(null)).hasSameClassAs(store.openStream(null));
    }

    @Test
    void aNegativeLingerIsRefused() {
        assertThatThrownBy(() -> new LingeringEvents(store, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
