package io.p3protocol.query.reports;

import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.messaging.TenantScoped;
import io.p3protocol.projection.eventstore.EventRowReader;
import io.p3protocol.projection.eventstore.StoredEventRow;
import io.p3protocol.query.web.QueryParameters;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Runs a report: streams the stored events up to {@code asOf} from one read-only snapshot (so commands keep
 * flowing and the run still sees one consistent store), deserializes them with the event serializer (through
 * Axon's upcaster chain when an upcaster is registered, else directly with the serializer's own ObjectMapper: see
 * {@link DirectEventDecoder}), and hands the ones in scope to the report's projection through Axon's annotation
 * support. Rows of payload types the projection has no handler for are skipped undecoded. It never reads or
 * writes a live read model.
 */
@Component
public class ReportReplayer {
    private static final byte[] NO_METADATA = "{}".getBytes(StandardCharsets.UTF_8);

    private final EventRowReader rows;
    private final Serializer serializer;
    private final ObjectProvider<org.axonframework.config.Configuration> axon;
    private final Clock clock;
    private final ObjectProvider<EventUpcaster> upcasterBeans;
    private final ReportRanges ranges;

    public ReportReplayer(EventRowReader rows, @Qualifier("eventSerializer") Serializer serializer,
                          ObjectProvider<org.axonframework.config.Configuration> axon, Clock clock,
                          ObjectProvider<EventUpcaster> upcasterBeans, ReportRanges ranges) {
        this.ranges = ranges;
        this.rows = rows;
        this.upcasterBeans = upcasterBeans;
        this.serializer = serializer;
        this.axon = axon;
        this.clock = clock;
    }

    public ReportResult run(ComplianceReport report, ReportRequest request) {
        ReportProjection projection = report.newProjection(request);
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        EventUpcaster upcasters = upcasters();
        // with no upcaster registered, the stored type and JSON are exactly what Axon would deserialize: both
        // shortcuts below rely on that
        boolean storedAsHandled = upcasterBeans.stream().findAny().isEmpty();
        Predicate<StoredEventRow> wanted = storedAsHandled ? wantedRows(handlers) : row -> true;
        Optional<DirectEventDecoder> direct = storedAsHandled && serializer instanceof JacksonSerializer jackson
                ? Optional.of(new DirectEventDecoder(jackson.getObjectMapper())) : Optional.empty();
        long[] applied = {0};
        RangeTracker read = new RangeTracker();
        rows.streamUpTo(QueryParameters.storeTimestamp(request.asOf()), row -> {
            read.add(row.globalIndex()); // the range covers every row read, handled or not
            if (!wanted.test(row)) {
                return;
            }
            Optional<EventMessage<?>> decoded = direct.flatMap(decoder -> decoder.decode(row));
            Stream<? extends EventMessage<?>> events = decoded.isPresent() ? decoded.stream()
                    : deserialize(row, upcasters);
            events.filter(handlers::canHandle)
                    .filter(event -> inScope(event, request.tenantId(), report))
                    .forEach(event -> {
                        apply(handlers, event);
                        applied[0]++;
                    });
        });
        ReportRange range = ranges.of(read.first, read.last, read.count);
        return new ReportResult(report.name(), report.title(), request.asOf(), request.tenantId(), clock.instant(),
                applied[0], range, projection.result(range));
    }

    /** The first and last global sequence number of the rows read (in global order), and how many. */
    private static final class RangeTracker {
        Long first;
        Long last;
        long count;

        void add(long seq) {
            if (first == null) {
                first = seq;
            }
            last = seq;
            count++;
        }
    }

    /**
     * Deserializing is most of a replay's cost, and a report handles a few event types out of many: a row whose
     * payload type the projection has no handler for is skipped before it is deserialized (valid only while the
     * stored type is the type the handlers would see: no upcaster). The answer per type is cached for the run; a
     * stored type this JVM cannot load is deserialized as before.
     */
    private Predicate<StoredEventRow> wantedRows(AnnotationEventHandlerAdapter handlers) {
        Map<String, Boolean> byType = new HashMap<>();
        return row -> byType.computeIfAbsent(row.payloadType(), type -> {
            try {
                return handlers.canHandleType(Class.forName(type, false, ReportReplayer.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                return true;
            }
        });
    }

    private Stream<TrackedEventMessage<?>> deserialize(StoredEventRow row, EventUpcaster upcasters) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(row.aggregateType(),
                row.aggregateId(), row.aggregateSeq(), row.eventId(), row.timestamp(), row.payloadType(),
                row.payloadRevision(), row.payload(), row.metadata() == null ? NO_METADATA : row.metadata());
        return EventUtils.upcastAndDeserializeTrackedEvents(
                Stream.of(new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(row.globalIndex()), entry)),
                serializer, upcasters);
    }

    /**
     * A tenant-limited run sees only that tenant's events (by the payload's tenant, else the metadata's), and the
     * tenant-free events the report declares ({@link ComplianceReport#tenantFreeEvents()}).
     */
    private static boolean inScope(EventMessage<?> event, String tenantId, ComplianceReport report) {
        if (tenantId == null || report.tenantFreeEvents().contains(event.getPayloadType())) {
            return true;
        }
        Object owner = event.getPayload() instanceof TenantScoped scoped
                ? scoped.tenantId() : event.getMetaData().get(MetadataKeys.TENANT_ID);
        return Objects.equals(tenantId, owner);
    }

    private static void apply(AnnotationEventHandlerAdapter handlers, EventMessage<?> event) {
        try {
            handlers.handle(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("report handler failed on event " + event.getIdentifier(), e);
        }
    }

    private EventUpcaster upcasters() {
        org.axonframework.config.Configuration configuration = axon.getIfAvailable();
        EventUpcaster chain = configuration == null ? null : configuration.upcasterChain();
        return chain == null ? NoOpEventUpcaster.INSTANCE : chain;
    }
}
