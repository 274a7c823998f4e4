package io.p3protocol.app.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the state of every streaming processor: this node's live view of the segments it processes, completed by
 * the token table for segments other nodes (or nobody) hold, so the picture is whole in a cluster too.
 */
@Component
public class ProcessorStatusReader {
    private static final Logger log = LoggerFactory.getLogger(ProcessorStatusReader.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer tokenSerializer;
    private final EventStore eventStore;

    public ProcessorStatusReader(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                                 @Qualifier("serializer") Serializer tokenSerializer, EventStore eventStore) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.tokenSerializer = tokenSerializer;
        this.eventStore = eventStore;
    }

    /**
     * The global index of the newest event in the store (0 when it is empty). Asked of the event store rather than
     * its table, so it holds with Axon Server too.
     */
    public long headGlobalIndex() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    public List<ProcessorReport> all() {
        return all(headGlobalIndex());
    }

    /** Every streaming processor, its lag measured against {@code head}. */
    public List<ProcessorReport> all(long head) {
        return streamingProcessors().stream().map(p -> report(p, head)).toList();
    }

    public Optional<ProcessorReport> one(String name) {
        return streamingProcessor(name).map(p -> report(p, headGlobalIndex()));
    }

    public Optional<StreamingEventProcessor> streamingProcessor(String name) {
        EventProcessor processor = processing.eventProcessors().get(name);
        return processor instanceof StreamingEventProcessor streaming ? Optional.of(streaming) : Optional.empty();
    }

    List<StreamingEventProcessor> streamingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .sorted(Comparator.comparing(EventProcessor::getName)).toList();
    }

    private ProcessorReport report(StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> local = processor.processingStatus();
        List<ProcessorReport.Segment> segments = new ArrayList<>();
        for (StoredSegment stored : storedSegments(processor.getName())) {
            EventTrackerStatus status = local.get(stored.segment);
            ReplayProgress progress = status != null
                    ? ReplayProgress.of(status) : ReplayProgress.of(deserialize(stored));
            String error = status != null && status.isErrorState() ? describe(status.getError()) : null;
            segments.add(new ProcessorReport.Segment(stored.segment, progress.position(), progress.lag(head),
                    progress.replaying(), progress.resetPosition(), stored.owner, stored.owner != null,
                    status != null, error));
        }
        boolean replaying = segments.stream().anyMatch(ProcessorReport.Segment::replaying);
        long lag = segments.stream().mapToLong(ProcessorReport.Segment::lag).max().orElse(0);
        boolean error = processor.isError() || segments.stream().anyMatch(s -> s.error() != null);
        return new ProcessorReport(processor.getName(), mode(processor), processor.isRunning(), error, replaying,
                lag, deadLetters(processor.getName()), segments);
    }

    private ProcessorReport.DeadLetters deadLetters(String processingGroup) {
        Optional<SequencedDeadLetterQueue<org.axonframework.eventhandling.EventMessage<?>>> queue =
                processing.deadLetterQueue(processingGroup);
        return queue.map(q -> new ProcessorReport.DeadLetters(true, q.amountOfSequences(), q.size()))
                .orElse(ProcessorReport.DeadLetters.DISABLED);
    }

    private List<StoredSegment> storedSegments(String processorName) {
        return jdbc.query("SELECT segment, owner, token, tokentype FROM tokenentry WHERE processorname = ? "
                        + "ORDER BY segment",
                (rs, i) -> new StoredSegment(rs.getInt("segment"), rs.getString("owner"), rs.getBytes("token"),
                        rs.getString("tokentype")), processorName);
    }

    /** Tokens are stored with the general serializer, as Axon's JdbcTokenStore writes them. */
    private TrackingToken deserialize(StoredSegment stored) {
        if (stored.token == null || stored.tokenType == null) {
            return null;
        }
        try {
            return tokenSerializer.deserialize(
                    new SimpleSerializedObject<>(stored.token, byte[].class, stored.tokenType, null));
        } catch (RuntimeException e) {
            log.warn("Cannot read the stored token of segment {}: {}", stored.segment, e.toString());
            return null;
        }
    }

    private static String mode(StreamingEventProcessor processor) {
        if (processor instanceof PooledStreamingEventProcessor) {
            return "pooled";
        }
        if (processor instanceof TrackingEventProcessor) {
            return "tracking";
        }
        return processor.getClass().getSimpleName();
    }

    private static String describe(Throwable error) {
        return error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private record StoredSegment(int segment, String owner, byte[] token, String tokenType) {
    }
}
