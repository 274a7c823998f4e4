package io.p3protocol.app.messaging;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import io.p3protocol.app.support.IntegrationTest;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast instant reading is what stored events are actually read with. */
@IntegrationTest
class UtcInstantsWiringTest {
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    private static JsonDeserializer<Object> instantDeserializerOf(ObjectMapper mapper) throws Exception {
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createDummyInstance(mapper.getDeserializationConfig());
        return context.findRootValueDeserializer(mapper.constructType(Instant.class));
    }

    @Test
    void axonsEventSerializerReadsInstantsWithIt() throws Exception {
        assertThat(eventSerializer).isInstanceOf(JacksonSerializer.class);

        assertThat(instantDeserializerOf(((JacksonSerializer) eventSerializer).getObjectMapper()))
                .isInstanceOf(UtcInstantDeserializer.class);
    }
}
