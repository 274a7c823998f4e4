package io.p3protocol.query.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.p3protocol.projection.eventstore.StoredEventRow;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a stored row into an event message with the event serializer's own {@link ObjectMapper}, one reader per
 * payload type, without Axon's general upcast-and-deserialize pipeline (intermediate representations, lazy
 * wrappers and streams per event), which was most of a report replay's time. Only valid while no upcaster is
 * registered: then the stored type and JSON are exactly what Axon would deserialize. One instance per replay run
 * (not thread-safe). A payload type this JVM cannot load is answered empty, and the caller falls back to Axon.
 */
final class DirectEventDecoder {
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final ObjectReader metadataReader;
    private final Map<String, Optional<ObjectReader>> payloadReaders = new HashMap<>();

    DirectEventDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
        this.metadataReader = mapper.readerFor(METADATA);
    }

    Optional<EventMessage<?>> decode(StoredEventRow row) {
        Optional<ObjectReader> reader = payloadReaders.computeIfAbsent(row.payloadType(), this::readerFor);
        if (reader.isEmpty()) {
            return Optional.empty();
        }
        try {
            Object payload = reader.get().readValue(row.payload());
            Map<String, Object> metadata = row.metadata() == null ? Map.of() : metadataReader.readValue(row.metadata());
            return Optional.of(new GenericDomainEventMessage<>(row.aggregateType(), row.aggregateId(),
                    row.aggregateSeq(), payload, MetaData.from(metadata), row.eventId(),
                    Instant.parse(row.timestamp())));
        } catch (IOException e) {
            throw new IllegalStateException("stored event " + row.eventId() + " (" + row.payloadType()
                    + ") cannot be read", e);
        }
    }

    private Optional<ObjectReader> readerFor(String payloadType) {
        try {
            return Optional.of(mapper.readerFor(Class.forName(payloadType, false, getClass().getClassLoader())));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}
