package io.p3protocol.app.messaging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.Instant;

/**
 * Jackson's {@link InstantDeserializer}, with a fast path for the text it writes itself (ISO-8601 UTC, see
 * {@link UtcInstantText}). Every stored event with an instant in its payload (each telemetry event has one) is read
 * by each processor that handles it, and Jackson's general ISO-8601 parsing was close to half of the time spent
 * deserializing a telemetry payload. Anything else (numbers, offsets, empty text, a property with its own
 * {@code @JsonFormat}) is Jackson's own deserializer's to answer, unchanged.
 */
final class UtcInstantDeserializer extends DelegatingDeserializer {

    /** Registers it for {@link Instant} on the application's {@code ObjectMapper}, which Axon's serializer shares. */
    @SuppressWarnings("unchecked") // a DelegatingDeserializer is declared for Object; this one answers Instants
    static SimpleModule module() {
        JsonDeserializer<?> deserializer = new UtcInstantDeserializer(InstantDeserializer.INSTANT);
        return new SimpleModule("p3-utc-instants").addDeserializer(Instant.class,
                (JsonDeserializer<Instant>) deserializer);
    }

    private UtcInstantDeserializer(JsonDeserializer<?> jacksons) {
        super(jacksons);
    }

    /** A property Jackson configures differently (its own format or leniency) gets Jackson's deserializer alone. */
    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> configured) {
        return configured;
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = UtcInstantText.parse(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return super.deserialize(parser, context);
    }
}
