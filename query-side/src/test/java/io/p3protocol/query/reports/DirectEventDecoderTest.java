package io.p3protocol.query.reports;

import io.p3protocol.kernel.apikeys.ApiKeyIssuedEvent;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.projection.eventstore.StoredEventRow;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The direct decoder gives the message Axon's own deserialization gives, for the same stored row. */
class DirectEventDecoderTest {
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    private StoredEventRow stored(Object payload, MetaData metadata) {
        return new StoredEventRow(42, "event-1", "key-1", 3, "ApiKey", payload.getClass().getName(), null,
                "2026-11-24T02:40:01.123Z", serializer.serialize(payload, byte[].class).getData(),
                serializer.serialize(metadata, byte[].class).getData());
    }

    private EventMessage<?> throughAxon(StoredEventRow row) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(row.aggregateType(), row.aggregateId(),
                row.aggregateSeq(), row.eventId(), row.timestamp(), row.payloadType(), row.payloadRevision(),
                row.payload(), row.metadata());
        return EventUtils.upcastAndDeserializeTrackedEvents(java.util.stream.Stream.of(new TrackedDomainEventData<>(
                new GlobalSequenceTrackingToken(row.globalIndex()), entry)), serializer, NoOpEventUpcaster.INSTANCE)
                .findFirst().orElseThrow();
    }

    @Test
    void payloadMetadataIdentityAndTimeAreThoseAxonGives() {
        ApiKeyIssuedEvent payload = new ApiKeyIssuedEvent("key-1", "tenant-1", Set.of(Role.ADMIN, Role.VIEWER),
                "a".repeat(64), Instant.parse("2027-01-01T00:00:00Z"), 5000L);
        StoredEventRow row = stored(payload, MetaData.from(Map.of("tenantId", "tenant-1", "actor", "platform-admin")));

        EventMessage<?> direct = new DirectEventDecoder(serializer.getObjectMapper()).decode(row).orElseThrow();
        EventMessage<?> axon = throughAxon(row);

        assertThat(direct.getPayload()).isEqualTo(axon.getPayload()).isEqualTo(payload);
        assertThat(direct.getMetaData()).isEqualTo(axon.getMetaData());
        assertThat(direct.getIdentifier()).isEqualTo(axon.getIdentifier());
        assertThat(direct.getTimestamp()).isEqualTo(axon.getTimestamp());
    }

    @Test
    void aPayloadTypeThisJvmCannotLoadIsLeftToAxon() {
        StoredEventRow row = new StoredEventRow(1, "e", "a", 0, null, "com.example.Gone", null,
                "2026-11-24T02:40:01.123Z", "{}".getBytes(), null);

        assertThat(new DirectEventDecoder(serializer.getObjectMapper()).decode(row)).isEmpty();
    }
}
