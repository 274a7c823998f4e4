package io.p3protocol.app.messaging;

import io.p3protocol.app.support.IntegrationTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store's producer (the one reader whose stream {@code mayBlock}) stops at a page that is not full; every
 * other reader goes on until a page is empty (see {@link ParsedTimestampsEventStorageEngine}).
 */
@IntegrationTest
class ProducerPagesIntegrationTest {
    @Autowired
    EventStorageEngine engine;

    private final String aggregateId = "producer-pages-" + UUID.randomUUID();

    private void append(int sequence) {
        engine.appendEvents(new GenericDomainEventMessage<>("ProducerPagesTest", aggregateId, sequence,
                "event " + sequence));
    }

    /** Reads the three events appended first, appends a fourth, then drains the stream: what it still hands over. */
    private List<Object> drainedAfterALaterAppend(boolean mayBlock) {
        TrackingToken head = engine.createHeadToken();
        append(0);
        append(1);
        append(2);
        Iterator<? extends TrackedEventMessage<?>> stream = engine.readEvents(head, mayBlock).iterator();
        int ours = 0;
        while (ours < 3) {
            if (stream.next().getPayload().toString().startsWith("event ")) {
                ours++;
            }
        }
        append(3);
        List<Object> drained = new ArrayList<>();
        stream.forEachRemaining(event -> drained.add(event.getPayload()));
        return drained;
    }

    @Test
    void theProducersStreamEndsWithAPageThatIsNotFull() {
        assertThat(drainedAfterALaterAppend(true)).doesNotContain("event 3");
    }

    @Test
    void anyOtherStreamReadsOnUntilAPageIsEmpty() {
        assertThat(drainedAfterALaterAppend(false)).contains("event 3");
    }
}
