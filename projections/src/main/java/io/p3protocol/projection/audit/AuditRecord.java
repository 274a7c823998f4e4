package io.p3protocol.projection.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.kernel.crypto.CanonicalJson;
import io.p3protocol.kernel.crypto.Sha256;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.projection.eventstore.StoredEventRow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit record of one event, and the one definition of its hash. Sealing, export and verification all build
 * records here, so they cannot disagree on a byte. (The sealer writes the records of common shapes token by token,
 * {@link StreamedRecord}, whose bytes are tested to be exactly these; every other shape it builds here.)
 * <p>
 * A record has the fields {@link #FIELDS}. {@code hash = SHA-256(prevHash ‖ canonical JSON of the record without
 * hash)}, where {@code prevHash} is its 64 lower-case hex characters (ASCII) and the canonical JSON is
 * {@link CanonicalJson}; {@code hash} is lower-case hex. Chains are per tenant: {@code prevHash} is the hash of the
 * tenant's previously sealed event, {@link #GENESIS} for its first.
 */
public final class AuditRecord {
    /** The fields of an exported record, in export (and CSV column) order. */
    public static final List<String> FIELDS = List.of("seq", "eventId", "type", "aggregateId", "aggregateSeq",
            "timestamp", "tenantId", "actor", "payload", "prevHash", "hash");
    public static final String GENESIS = "0".repeat(64);
    public static final String HASH = "hash";
    public static final String PREV_HASH = "prevHash";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AuditRecord() {
    }

    /**
     * The record of a stored event, without its hash. {@code type} is the payload's simple class name (e.g.
     * {@code TenantCreatedEvent}); {@code tenantId} and {@code actor} come from the stored metadata (see
     * {@link #tenantOf}); {@code payload} is the stored payload JSON (a payload that is not JSON becomes the string
     * {@code "base64:<bytes>"}).
     */
    public static ObjectNode unsealed(StoredEventRow row, String prevHash) {
        JsonNode metadata = metadata(row.metadata());
        JsonNode payload = payload(row.payload());
        ObjectNode record = NODES.objectNode();
        record.put("seq", row.globalIndex());
        record.put("eventId", row.eventId());
        record.put("type", row.simpleTypeName());
        record.put("aggregateId", row.aggregateId());
        record.put("aggregateSeq", row.aggregateSeq());
        record.put("timestamp", row.timestamp());
        record.put("tenantId", tenantOf(metadata, payload));
        record.put("actor", text(metadata, MetadataKeys.ACTOR));
        record.set("payload", payload);
        record.put(PREV_HASH, prevHash);
        return record;
    }

    /**
     * The record of a sealed event whose stored row no longer exists: what the chain remembers, every event field
     * null. Its recomputed hash cannot match the sealed one, so verification names it.
     */
    public static ObjectNode unsealedMissing(long seq, String eventId, String tenantId, String prevHash) {
        ObjectNode record = NODES.objectNode();
        record.put("seq", seq);
        record.put("eventId", eventId);
        record.putNull("type");
        record.putNull("aggregateId");
        record.putNull("aggregateSeq");
        record.putNull("timestamp");
        record.put("tenantId", tenantId);
        record.putNull("actor");
        record.putNull("payload");
        record.put(PREV_HASH, prevHash);
        return record;
    }

    /**
     * {@code SHA-256(prevHash ‖ canonical(record without hash))}. Any {@code hash} member of {@code record} is left
     * out; every other member counts, so an added field changes the hash too.
     */
    public static String hashOf(ObjectNode record) {
        ObjectNode content = record;
        if (record.has(HASH)) { // copied only when there is something to leave out: the caller's record stays whole
            content = record.deepCopy();
            content.remove(HASH);
        }
        JsonNode prev = content.get(PREV_HASH);
        MessageDigest digest = Sha256.newDigest();
        digest.update((prev != null && prev.isTextual() ? prev.textValue() : "").getBytes(StandardCharsets.US_ASCII));
        digest.update(CanonicalJson.toBytes(content));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** True for 64 lower-case hex characters, the form every hash takes. */
    public static boolean isHash(String value) {
        return Sha256.isHexDigest(value);
    }

    /**
     * The tenant of a stored event, i.e. the chain it belongs to: the {@code tenantId} metadata entry; for an event
     * stored without one (a command the platform admin sent without naming a tenant, such as a key revocation) the
     * payload's top-level {@code tenantId}; null when neither exists.
     */
    public static String tenantOf(StoredEventRow row) {
        return tenantOf(metadata(row.metadata()), payload(row.payload()));
    }

    /** The {@code tenantId} of a record built by {@link #unsealed}: what {@link #tenantOf(StoredEventRow)} gives. */
    public static String tenantOfRecord(ObjectNode record) {
        JsonNode tenant = record.get("tenantId");
        return tenant == null || tenant.isNull() ? null : tenant.textValue();
    }

    private static String tenantOf(JsonNode metadata, JsonNode payload) {
        String tenant = text(metadata, MetadataKeys.TENANT_ID);
        if (tenant == null && payload.isObject()) {
            tenant = text(payload, MetadataKeys.TENANT_ID);
        }
        return tenant;
    }

    private static JsonNode payload(byte[] stored) {
        try {
            JsonNode parsed = CanonicalJson.parse(stored);
            if (!parsed.isMissingNode()) {
                return parsed;
            }
        } catch (IOException notJson) {
            // falls through: an unreadable payload is still recorded, byte for byte
        }
        return NODES.textNode("base64:" + Base64.getEncoder().encodeToString(stored));
    }

    private static JsonNode metadata(byte[] stored) {
        if (stored == null) {
            return NODES.objectNode();
        }
        try {
            JsonNode parsed = CanonicalJson.parse(stored);
            return parsed.isObject() ? parsed : NODES.objectNode();
        } catch (IOException notJson) {
            return NODES.objectNode();
        }
    }

    private static String text(JsonNode metadata, String key) {
        JsonNode value = metadata.get(key);
        return value == null || value.isNull() ? null : value.isTextual() ? value.textValue() : value.toString();
    }
}
