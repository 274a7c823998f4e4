package io.p3protocol.app.messaging;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StreamedEventsTest {
    record Handled(int n) {
    }

    record Ignored(int n) {
    }

    /** A store whose stream hands over what was appended, in order, each event at its index. */
    static final class ListStore implements StreamableMessageSource<TrackedEventMessage<?>> {
        final List<TrackedEventMessage<?>> events = new ArrayList<>();

        void append(Object... payloads) {
            for (Object payload : payloads) {
                events.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(events.size()),
                        GenericEventMessage.asEventMessage(payload)));
            }
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
            return new BlockingStream<>() {
                int position = token == null ? 0 : (int) ((GlobalSequenceTrackingToken) token).getGlobalIndex() + 1;

                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return position < events.size() ? Optional.of(events.get(position)) : Optional.empty();
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                    return position < events.size();
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    return events.get(position++);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private final ListStore store = new ListStore();
    /** Without a hold-back: a run's last event is handed over as soon as nothing follows it. */
    private final StreamedEvents source = new StreamedEvents(store, Handled.class::equals, Duration.ZERO);

    private static List<Object> drain(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        List<Object> payloads = new ArrayList<>();
        while (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
            payloads.add(stream.nextAvailable().getPayload());
        }
        return payloads;
    }

    @Test
    void handledEventsPassInOrderAndARunOfOthersOnlyByItsLastWhenNothingFollows() throws Exception {
        store.append(new Handled(1), new Ignored(2), new Ignored(3), new Handled(4), new Ignored(5), new Ignored(6));

        assertThat(drain(source.openStream(null))).containsExactly(new Handled(1), new Handled(4), new Ignored(6));
    }

    @Test
    void aLongRunOfUnhandledEventsHandsOverOneInEveryThousand() throws Exception {
        for (int i = 0; i < 2500; i++) {
            store.append(new Ignored(i));
        }

        assertThat(drain(source.openStream(null)))
                .containsExactly(new Ignored(999), new Ignored(1999), new Ignored(2499));
    }

    @Test
    void anEventHandedOverKeepsItsTrackingToken() throws Exception {
        store.append(new Ignored(0), new Ignored(1), new Ignored(2));

        TrackedEventMessage<?> last = source.openStream(null).nextAvailable();

        assertThat(last.trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(2));
    }

    @Test
    void peekShowsTheNextEventToBeHandedOverWithoutTakingIt() throws Exception {
        store.append(new Ignored(0), new Handled(1));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        assertThat(stream.peek().<Object>map(TrackedEventMessage::getPayload)).contains(new Handled(1));
        assertThat(stream.nextAvailable().getPayload()).isEqualTo(new Handled(1));
        assertThat(stream.peek()).isEmpty();
    }

    @Test
    void eventsAppendedAfterTheStreamRanDryAreHandedOverLater() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();

        store.append(new Ignored(0), new Ignored(1));

        assertThat(drain(stream)).containsExactly(new Ignored(1));
    }

    @Test
    void aStreamOpenedAtATokenStartsAfterIt() throws Exception {
        store.append(new Handled(0), new Handled(1), new Handled(2));

        assertThat(drain(source.openStream(new GlobalSequenceTrackingToken(0))))
                .containsExactly(new Handled(1), new Handled(2));
    }

    @Test
    void theLastEventOfARunIsHeldBackWhileNothingFollowsIt() throws Exception {
        StreamedEvents holding = new StreamedEvents(store, Handled.class::equals, Duration.ofHours(1));
        store.append(new Handled(1), new Ignored(2), new Ignored(3), new Handled(4), new Ignored(5), new Ignored(6));

        assertThat(drain(holding.openStream(null))).containsExactly(new Handled(1), new Handled(4));
    }

    @Test
    void aHeldBackRunIsAccountedForByTheNextEventHandedOver() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream =
                new StreamedEvents(store, Handled.class::equals, Duration.ofHours(1)).openStream(null);
        store.append(new Ignored(0));
        assertThat(drain(stream)).isEmpty();

        store.append(new Handled(1));

        assertThat(drain(stream)).containsExactly(new Handled(1));
    }

    @Test
    void aHeldBackRunIsHandedOverWhenItsHoldBackRunsOut() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream =
                new StreamedEvents(store, Handled.class::equals, Duration.ofMillis(50)).openStream(null);
        store.append(new Ignored(0), new Ignored(1));
        assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();

        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
        TrackedEventMessage<?> handedOver = stream.nextAvailable();

        assertThat(handedOver.getPayload()).isEqualTo(new Ignored(1));
        assertThat(handedOver.trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(1));
    }
}
