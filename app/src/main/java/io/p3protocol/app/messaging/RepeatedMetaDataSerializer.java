package io.p3protocol.app.messaging;

import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

import java.util.Arrays;

/**
 * The event serializer as the event store reads with it, except that metadata whose stored bytes equal the bytes
 * this thread decoded last is not decoded again: the same (immutable) {@link org.axonframework.messaging.MetaData}
 * is handed out.
 * <p>
 * Why: every event of a telemetry batch carries the same metadata (one command: one tenant, actor, correlation and
 * causation), stored as the same bytes ({@link BatchAppendStatement}), and several processors read it for every
 * event: the rule engine for the tenant, Axon for the correlation data of each event's unit of work. Decoding it
 * each time was about a tenth of the app's CPU under telemetry load (docs/benchmarks.md); comparing two short byte
 * arrays is a small fraction of that. Payloads, and everything else, go to the delegate unchanged.
 */
final class RepeatedMetaDataSerializer implements Serializer {
    private final Serializer delegate;
    private final ThreadLocal<Decoded> lastDecoded = new ThreadLocal<>();

    private record Decoded(byte[] bytes, Object metaData) {
    }

    RepeatedMetaDataSerializer(Serializer delegate) {
        this.delegate = delegate;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (!(serializedObject.getData() instanceof byte[] bytes)
                || !SerializedMetaData.isSerializedMetaData(serializedObject)) {
            return delegate.deserialize(serializedObject);
        }
        Decoded last = lastDecoded.get();
        if (last != null && Arrays.equals(last.bytes(), bytes)) {
            return (T) last.metaData();
        }
        T metaData = delegate.deserialize(serializedObject);
        lastDecoded.set(new Decoded(bytes, metaData));
        return metaData;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        return delegate.serialize(object, expectedRepresentation);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
