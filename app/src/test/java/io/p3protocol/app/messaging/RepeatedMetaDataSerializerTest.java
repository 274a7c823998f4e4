package io.p3protocol.app.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedMetaDataSerializerTest {
    private final AtomicInteger decoded = new AtomicInteger();
    private final JacksonSerializer jackson = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();

    @Test
    void equalBytesOneAfterTheOtherAreDecodedOnce() {
        RepeatedMetaDataSerializer counted = counting();
        SerializedObject<byte[]> first = jackson.serialize(MetaData.with("tenantId", "t-1"), byte[].class);
        SerializedObject<byte[]> same = jackson.serialize(MetaData.with("tenantId", "t-1"), byte[].class);

        MetaData a = counted.deserialize(first);
        MetaData b = counted.deserialize(same);

        assertThat(b).isSameAs(a).isEqualTo(Map.of("tenantId", "t-1"));
        assertThat(decoded).hasValue(1);
    }

    @Test
    void differentBytesAreDecodedAgain() {
        RepeatedMetaDataSerializer counted = counting();
        MetaData a = counted.deserialize(jackson.serialize(MetaData.with("tenantId", "t-1"), byte[].class));
        MetaData b = counted.deserialize(jackson.serialize(MetaData.with("tenantId", "t-2"), byte[].class));

        assertThat(a).isEqualTo(Map.of("tenantId", "t-1"));
        assertThat(b).isEqualTo(Map.of("tenantId", "t-2"));
        assertThat(decoded).hasValue(2);
    }

    @Test
    void payloadsAreAlwaysDecoded() {
        RepeatedMetaDataSerializer counted = counting();
        SerializedObject<byte[]> payload = jackson.serialize(Map.of("k", "v"), byte[].class);

        counted.deserialize(payload);
        counted.deserialize(payload);

        assertThat(decoded).hasValue(2);
    }

    private RepeatedMetaDataSerializer counting() {
        return new RepeatedMetaDataSerializer(new DelegatingCounter());
    }

    /** Jackson, counting every decode that reaches it. */
    private final class DelegatingCounter implements org.axonframework.serialization.Serializer {
        @Override
        public <S, T> T deserialize(SerializedObject<S> serializedObject) {
            decoded.incrementAndGet();
            return jackson.deserialize(serializedObject);
        }

        @Override
        public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
            return jackson.serialize(object, expectedRepresentation);
        }

        @Override
        public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
            return jackson.canSerializeTo(expectedRepresentation);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class classForType(org.axonframework.serialization.SerializedType type) {
            return jackson.classForType(type);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public org.axonframework.serialization.SerializedType typeForClass(Class type) {
            return jackson.typeForClass(type);
        }

        @Override
        public org.axonframework.serialization.Converter getConverter() {
            return jackson.getConverter();
        }
    }
}
