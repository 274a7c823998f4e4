package io.p3protocol.app.messaging;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's JDBC storage engine, but a streamed event's stored timestamp is parsed once, by {@link StoredTimestamps}.
 * <p>
 * Axon parses the text of the {@code timestamp} column with a general ISO-8601 formatter, twice per event and per
 * reader: once to decide whether the event may leave gaps behind it, once more when a handler sees the message.
 * With a dozen processors reading every event, that was an eighth of the app's CPU under telemetry load
 * (docs/benchmarks.md). The tracked read below is Axon 4.13's {@code getTrackedEventData}, line for line, but for
 * the entry, which keeps the parsed instant.
 * <p>
 * One more difference, for the embedded event store's producer only (the one reader that asks for a stream that
 * {@code mayBlock}): its stream ends at the first page shorter than a full one, where Axon's ends only at an empty
 * page. The producer reads again at once whenever it found events, so that empty page was a second read (a
 * transaction, the page query and the gap check) after every commit, for nothing. Every other stream (a processor
 * behind the producer's cache, a report) still reads until a page is empty, since a short page can also be one
 * with rolled-back sequence numbers in it, in the middle of the store.
 */
final class ParsedTimestampsEventStorageEngine extends JdbcEventStorageEngine {
    /** Axon's defaults, set on the builder by {@link #of} so that the engine and this class agree on them. */
    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int MAX_GAP_OFFSET = 10_000;
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    private ParsedTimestampsEventStorageEngine(Builder builder) {
        super(builder);
    }

    /** This engine, configured by Axon's builder (whose own constructor is private, so it cannot be extended). */
    static ParsedTimestampsEventStorageEngine of(Builder configured) {
        configured.lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .maxGapOffset(MAX_GAP_OFFSET)
                .gapTimeout(GAP_TIMEOUT_MILLIS);
        configured.build(); // only Axon's checks of the configuration, which are protected; that engine is dropped
        return new ParsedTimestampsEventStorageEngine(configured);
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (!mayBlock) {
            return super.readEventData(trackingToken, false);
        }
        return StreamSupport.stream(new PagesUntilShort(trackingToken), false);
    }

    /** The tracked events after a token, page by page, up to and including the first page that is not full. */
    private final class PagesUntilShort extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {
        private TrackingToken last;
        private Iterator<? extends TrackedEventData<?>> page = Collections.emptyIterator();
        private boolean lastPageRead;

        PagesUntilShort(TrackingToken after) {
            super(Long.MAX_VALUE, NONNULL | ORDERED | DISTINCT | CONCURRENT);
            this.last = after;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (!page.hasNext()) {
                if (lastPageRead) {
                    return false;
                }
                List<? extends TrackedEventData<?>> events = fetchTrackedEvents(last, batchSize());
                lastPageRead = events.size() < batchSize();
                page = events.iterator();
                if (!page.hasNext()) {
                    return false;
                }
            }
            TrackedEventData<?> event = page.next();
            last = event.trackingToken();
            action.accept(event);
            return true;
        }
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());

        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        EntryWithParsedTimestamp<?> domainEvent = new EntryWithParsedTimestamp<>(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                resultSet.getString(schema.timestampColumn()),
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn())
        );

        // Now that we have the event itself, we can calculate the token.
        boolean allowGaps = domainEvent.getTimestamp().isAfter(gapTimeoutFrame());
        GapAwareTrackingToken token = previousToken;
        if (token == null) {
            token = GapAwareTrackingToken.newInstance(
                    globalSequence,
                    allowGaps
                            ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence)
                            .boxed()
                            .collect(Collectors.toCollection(TreeSet::new))
                            : Collections.emptySortedSet()
            );
        } else {
            token = token.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
        }
        return new TrackedDomainEventData<>(token, domainEvent);
    }

    private static Instant gapTimeoutFrame() {
        return GenericEventMessage.clock.instant().minusMillis(GAP_TIMEOUT_MILLIS);
    }

    /** An event entry that parses its stored timestamp once, when read. */
    static final class EntryWithParsedTimestamp<T> extends GenericDomainEventEntry<T> {
        private final Instant timestamp;

        EntryWithParsedTimestamp(String type, String aggregateIdentifier, long sequenceNumber,
                                 String eventIdentifier, String timestamp, String payloadType,
                                 String payloadRevision, T payload, T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType,
                    payloadRevision, payload, metaData);
            this.timestamp = StoredTimestamps.parse(timestamp);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
