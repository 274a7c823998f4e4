package io.p3protocol.app.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class RepeatedMetaDataSerializerTest {
    /** Jackson, watched: every decode that reaches it is counted. */
    private final JacksonSerializer jackson = spy(JacksonSerializer.builder().objectMapper(new ObjectMapper()).build());
    private final RepeatedMetaDataSerializer serializer = new RepeatedMetaDataSerializer(jackson);

    @Test
    void equalBytesOneAfterTheOtherAreDecodedOnce() {
        SerializedObject<byte[]> first = jackson.serialize(MetaData.with("tenantId", "t-1"), byte[].class);
        SerializedObject<byte[]> same = jackson.serialize(MetaData.with("tenantId", "t-1"), byte[].class);

        MetaData a = serializer.deserialize(first);
        MetaData b = serializer.deserialize(same);

        assertThat(b).isSameAs(a).isEqualTo(Map.of("tenantId", "t-1"));
        verify(jackson, times(1)).deserialize(any());
    }

    @Test
    void differentBytesAreDecodedAgain() {
        MetaData a = serializer.deserialize(jackson.serialize(MetaData.with("tenantId", "t-1"), byte[].class));
        MetaData b = serializer.deserialize(jackson.serialize(MetaData.with("tenantId", "t-2"), byte[].class));

        assertThat(a).isEqualTo(Map.of("tenantId", "t-1"));
        assertThat(b).isEqualTo(Map.of("tenantId", "t-2"));
        verify(jackson, times(2)).deserialize(any());
    }

    @Test
    void payloadsAreAlwaysDecoded() {
        SerializedObject<byte[]> payload = jackson.serialize(Map.of("k", "v"), byte[].class);

        serializer.deserialize(payload);
        serializer.deserialize(payload);

        verify(jackson, times(2)).deserialize(any());
    }
}
