package io.p3protocol.projection.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.p3protocol.kernel.crypto.CanonicalJson;
import io.p3protocol.kernel.crypto.Sha256;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.projection.eventstore.StoredEventRow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the canonical JSON of an event's audit record straight from its stored bytes, token by token, without the
 * JSON trees {@link AuditRecord#unsealed} builds (parsing both documents into trees and writing the record out again
 * allocated about 9 KB per telemetry event, the largest share of the sealer's garbage).
 * <p>
 * It covers the shapes events are stored in: JSON objects, arrays, strings, integers, booleans and nulls, with the
 * {@code tenantId} and {@code actor} metadata as strings. Anything else (a decimal, a duplicate member, a payload
 * that is not JSON, metadata that is not a JSON object, a non-string tenant or actor) is refused with {@code null},
 * and the caller builds the record the tree way ({@link AuditRecord}), which stays the one definition. Where this
 * class answers, its bytes are exactly the tree way's (the property tests compare the two on generated documents).
 * <p>
 * Not thread-safe: one instance per thread, reused from record to record (its buffer and generator are).
 */
final class StreamedRecord {
    private static final byte[] ACTOR = ascii("{\"actor\":");
    private static final byte[] AGGREGATE_ID = ascii(",\"aggregateId\":");
    private static final byte[] AGGREGATE_SEQ = ascii(",\"aggregateSeq\":");
    private static final byte[] EVENT_ID = ascii(",\"eventId\":");
    private static final byte[] PAYLOAD = ascii(",\"payload\":");
    private static final byte[] PREV_HASH = ascii(",\"prevHash\":");
    private static final byte[] SEQ = ascii(",\"seq\":");
    private static final byte[] TENANT_ID = ascii(",\"tenantId\":");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");
    private static final byte[] TYPE = ascii(",\"type\":");
    private static final byte[] NULL = ascii("null");
    private static final Comparator<Member> BY_NAME = Comparator.comparing(Member::name);

    /** The canonical record, split where the previous hash goes: {@code before ‖ "prevHash" ‖ after}. */
    record Parts(String tenantId, byte[] before, byte[] after) {

        /** {@link AuditRecord#hashOf} of this record with {@code prevHash} in its place. */
        String hash(String prevHash) {
            if (!AuditRecord.isHash(prevHash)) { // hex needs no escaping; anything else is not a chain's hash
                throw new IllegalArgumentException("not a hash: " + prevHash);
            }
            byte[] prev = prevHash.getBytes(StandardCharsets.US_ASCII);
            MessageDigest digest = Sha256.newDigest();
            digest.update(prev);
            digest.update(before);
            digest.update((byte) '"');
            digest.update(prev);
            digest.update((byte) '"');
            digest.update(after);
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private final Buffer buffer = new Buffer();
    private final JsonGenerator generator;

    StreamedRecord() {
        try {
            generator = CanonicalJson.newGenerator(buffer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        generator.setRootValueSeparator(null); // values are written one by one at the root: nothing between them
    }

    /** The record of {@code row} as canonical bytes around its previous hash; null for a shape this class leaves to the tree way. */
    Parts write(StoredEventRow row) {
        try {
            return tryWrite(row);
        } catch (IOException | RuntimeException notCovered) {
            resetGenerator();
            return null;
        }
    }

    private Parts tryWrite(StoredEventRow row) throws IOException {
        buffer.reset();
        Metadata metadata = Metadata.read(row.metadata());
        if (metadata == null) {
            return null;
        }
        PayloadTenant payloadTenant = new PayloadTenant();
        int payloadStart = payload(row.payload(), payloadTenant);
        if (payloadStart < 0) {
            return null;
        }
        int payloadEnd = buffer.size();
        String tenantId = metadata.tenantId != null ? metadata.tenantId : payloadTenant.value;

        int beforeStart = buffer.size();
        raw(ACTOR);
        string(metadata.actor);
        raw(AGGREGATE_ID);
        string(row.aggregateId());
        raw(AGGREGATE_SEQ);
        number(row.aggregateSeq());
        raw(EVENT_ID);
        string(row.eventId());
        raw(PAYLOAD);
        buffer.copyWithin(payloadStart, payloadEnd);
        raw(PREV_HASH);
        byte[] before = buffer.copyOf(beforeStart, buffer.size());

        int afterStart = buffer.size();
        raw(SEQ);
        number(row.globalIndex());
        raw(TENANT_ID);
        string(tenantId);
        raw(TIMESTAMP);
        string(row.timestamp());
        raw(TYPE);
        string(row.simpleTypeName());
        buffer.write('}');
        byte[] after = buffer.copyOf(afterStart, buffer.size());
        return new Parts(tenantId, before, after);
    }

    /**
     * Writes the payload's canonical JSON; answers where it starts (it ends at the end of the buffer), or -1 when
     * it is not a shape this class covers.
     */
    private int payload(byte[] stored, PayloadTenant tenant) throws IOException {
        try (JsonParser parser = CanonicalJson.newParser(stored)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return -1; // empty: the tree way records it as base64
            }
            int start = value(parser, first, tenant);
            // trailing content: the tree way refuses it
            return start >= 0 && parser.nextToken() == null ? start : -1;
        }
    }

    /**
     * Writes the value at {@code token} canonically at the end of the buffer and answers where it starts, or -1
     * when it is not covered. A composite value's members are written first and copied after them in canonical
     * order, so its canonical bytes start after its members'. {@code tenant}, for the payload's top-level object
     * only, receives its {@code tenantId} member.
     */
    private int value(JsonParser parser, JsonToken token, PayloadTenant tenant) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                return object(parser, tenant);
            }
            case START_ARRAY -> {
                return array(parser);
            }
            default -> {
                int start = buffer.size();
                return scalar(parser, token) ? start : -1;
            }
        }
    }

    private boolean scalar(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING -> {
                generator.writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                generator.flush();
            }
            case VALUE_NUMBER_INT -> {
                switch (parser.getNumberType()) {
                    case INT, LONG -> generator.writeNumber(parser.getLongValue());
                    default -> generator.writeNumber(parser.getBigIntegerValue());
                }
                generator.flush();
            }
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> raw(token.asByteArray());
            default -> {
                return false; // a decimal (the tree way keeps its exact form), or anything unexpected
            }
        }
        return true;
    }

    /** An object's members are written where they come, then copied out in name order as the object. */
    private int object(JsonParser parser, PayloadTenant tenant) throws IOException {
        List<Member> members = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int nameStart = buffer.size();
            generator.writeString(name);
            generator.flush();
            int nameEnd = buffer.size();
            JsonToken valueToken = parser.nextToken();
            if (tenant != null && MetadataKeys.TENANT_ID.equals(name)) {
                if (valueToken == JsonToken.VALUE_STRING) {
                    tenant.value = parser.getText();
                } else if (valueToken != JsonToken.VALUE_NULL) {
                    return -1; // the tree way would take its JSON text as the tenant
                }
            }
            int valueStart = value(parser, valueToken, null);
            if (valueStart < 0) {
                return -1;
            }
            members.add(new Member(name, nameStart, nameEnd, valueStart, buffer.size()));
        }
        if (token != JsonToken.END_OBJECT) {
            return -1;
        }
        members.sort(BY_NAME); // String order, as the tree way sorts (names are unique: the parser refuses duplicates)
        int start = buffer.size();
        buffer.write('{');
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            if (i > 0) {
                buffer.write(',');
            }
            buffer.copyWithin(member.nameStart, member.nameEnd);
            buffer.write(':');
            buffer.copyWithin(member.valueStart, member.valueEnd);
        }
        buffer.write('}');
        return start;
    }

    private int array(JsonParser parser) throws IOException {
        List<int[]> elements = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                return -1;
            }
            int elementStart = value(parser, token, null);
            if (elementStart < 0) {
                return -1;
            }
            elements.add(new int[]{elementStart, buffer.size()});
        }
        int start = buffer.size();
        buffer.write('[');
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                buffer.write(',');
            }
            buffer.copyWithin(elements.get(i)[0], elements.get(i)[1]);
        }
        buffer.write(']');
        return start;
    }

    private void raw(byte[] bytes) {
        buffer.write(bytes, 0, bytes.length);
    }

    private void string(String value) throws IOException {
        if (value == null) {
            raw(NULL);
        } else {
            generator.writeString(value);
            generator.flush();
        }
    }

    private void number(long value) throws IOException {
        generator.writeNumber(value);
        generator.flush();
    }

    /**
     * After a failure mid-value the generator may hold part of a value in its own buffer: it is flushed out and
     * dropped with the buffer's content. (Values are only ever written at the root, so no structure is left open.)
     */
    private void resetGenerator() {
        try {
            generator.flush();
        } catch (IOException | RuntimeException ignored) {
            // the buffer is reset before the next record anyway
        }
        buffer.reset();
    }

    private record Member(String name, int nameStart, int nameEnd, int valueStart, int valueEnd) {
    }

    private static final class PayloadTenant {
        String value;
    }

    /** The two metadata entries a record takes; null (not covered) unless the metadata is an object with string or absent entries. */
    private record Metadata(String tenantId, String actor) {
        static Metadata read(byte[] stored) throws IOException {
            if (stored == null) {
                return new Metadata(null, null);
            }
            String tenantId = null;
            String actor = null;
            try (JsonParser parser = CanonicalJson.newParser(stored)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                JsonToken token;
                while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    boolean wanted = MetadataKeys.TENANT_ID.equals(name) || MetadataKeys.ACTOR.equals(name);
                    if (wanted && value == JsonToken.VALUE_STRING) {
                        if (MetadataKeys.TENANT_ID.equals(name)) {
                            tenantId = parser.getText();
                        } else {
                            actor = parser.getText();
                        }
                    } else if (wanted && value != JsonToken.VALUE_NULL) {
                        return null;
                    } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        parser.skipChildren(); // still read token by token, so a duplicate inside is still refused
                    } else if (value == null) {
                        return null;
                    }
                }
                if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                    return null;
                }
            }
            return new Metadata(tenantId, actor);
        }
    }

    /** A growable byte array the generator flushes into, which can also copy its own earlier bytes to its end. */
    private static final class Buffer extends OutputStream {
        private byte[] bytes = new byte[4096];
        private int size;

        int size() {
            return size;
        }

        void reset() {
            size = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        /** Appends a copy of {@code [start, end)}, which lies before the end. */
        void copyWithin(int start, int end) {
            int length = end - start;
            ensure(length);
            System.arraycopy(bytes, start, bytes, size, length);
            size += length;
        }

        byte[] copyOf(int start, int end) {
            return Arrays.copyOfRange(bytes, start, end);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
