package io.p3protocol.projection.audit;

import io.p3protocol.kernel.crypto.Sha256;
import io.p3protocol.projection.eventstore.StoredEventRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token-by-token record must hash exactly as the tree way ({@link AuditRecord}) wherever it answers, and must
 * leave every shape it does not cover to the tree way.
 */
class StreamedRecordTest {
    private static final String PREV = "ab".repeat(32);
    private static final String METADATA = "{\"actor\":\"apikey:k-1\",\"correlationId\":\"c\",\"tenantId\":\"t-1\"}";
    private static final String TELEMETRY = "{\"tenantId\":\"t-1\",\"eventType\":\"page_view\",\"sessionId\":\"s-1\","
            + "\"sessionAssigned\":false,\"hashedIp\":\"" + "9f".repeat(32) + "\",\"uaHash\":null,\"hashEpoch\":1,"
            + "\"wallet\":\"0x00000000000000000000000000000000000003e8\",\"geoRegion\":\"eu-west\",\"device\":\"mobile\","
            + "\"occurredAt\":\"2026-11-24T12:44:01.123Z\"}";

    private static StoredEventRow row(String payload, String metadata) {
        return new StoredEventRow(42, "ev-1", "ev-1", 0, null, "io.p3protocol.kernel.telemetry.TelemetryRecordedEvent",
                null, "2026-11-24T12:44:01.123Z", payload.getBytes(StandardCharsets.UTF_8),
                metadata == null ? null : metadata.getBytes(StandardCharsets.UTF_8));
    }

    private static String treeHash(StoredEventRow row) {
        return AuditRecord.hashOf(AuditRecord.unsealed(row, PREV));
    }

    @Test
    void aTelemetryEventHashesAsItsTreeRecord() {
        StoredEventRow row = row(TELEMETRY, METADATA);

        StreamedRecord.Parts parts = new StreamedRecord().write(row);

        assertThat(parts).isNotNull();
        assertThat(parts.tenantId()).isEqualTo("t-1");
        assertThat(parts.hash(PREV)).isEqualTo(treeHash(row));
    }

    @Test
    void theRecordIsTheDocumentedCanonicalJson() {
        StoredEventRow row = new StoredEventRow(42, "ev-1", "agg-1", 3, "Tenant",
                "io.p3protocol.kernel.tenancy.TenantRenamedEvent", null, "2025-01-31T12:00:00.123Z",
                "{\"tenantId\":\"t-1\", \"name\":\"b\",\"previousName\":\"a\"}".getBytes(StandardCharsets.UTF_8),
                "{\"tenantId\":\"t-1\",\"actor\":\"platform-admin\",\"requestId\":\"r\"}".getBytes(StandardCharsets.UTF_8));

        String canonical = "{\"actor\":\"platform-admin\",\"aggregateId\":\"agg-1\",\"aggregateSeq\":3,"
                + "\"eventId\":\"ev-1\",\"payload\":{\"name\":\"b\",\"previousName\":\"a\",\"tenantId\":\"t-1\"},"
                + "\"prevHash\":\"" + PREV + "\",\"seq\":42,\"tenantId\":\"t-1\","
                + "\"timestamp\":\"2025-01-31T12:00:00.123Z\",\"type\":\"TenantRenamedEvent\"}";
        assertThat(new StreamedRecord().write(row).hash(PREV)).isEqualTo(Sha256.hex(PREV + canonical));
    }

    @Test
    void withoutATenantInTheMetadataThePayloadsTenantIsTheChain() {
        StreamedRecord.Parts parts = new StreamedRecord().write(row(TELEMETRY, "{\"actor\":\"a\"}"));

        assertThat(parts.tenantId()).isEqualTo("t-1");
        assertThat(parts.hash(PREV)).isEqualTo(treeHash(row(TELEMETRY, "{\"actor\":\"a\"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"amount\":1.50}",                       // a decimal keeps its exact form the tree way
            "{\"a\":1,\"a\":2}",                       // duplicate member
            "{\"a\":{\"b\":1,\"b\":1}}",               // duplicate member, nested
            "{not json",
            "",
            "{\"a\":1} {\"b\":2}",                     // trailing content
            "{\"tenantId\":7}",                        // a tenant that is not a string
            "{\"tenantId\":{\"id\":\"t\"}}"})
    void aPayloadShapeItDoesNotCoverIsLeftToTheTreeWay(String payload) {
        assertThat(new StreamedRecord().write(row(payload, "{\"actor\":\"a\"}"))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "null", "{\"tenantId\":5}", "{\"actor\":true}", "{\"x\":1,\"x\":2}",
            "{\"x\":{\"y\":1,\"y\":1}}", "{\"a\":1} 2", "{"})
    void aMetadataShapeItDoesNotCoverIsLeftToTheTreeWay(String metadata) {
        assertThat(new StreamedRecord().write(row(TELEMETRY, metadata))).isNull();
    }

    @Test
    void aRecordAfterOneItCouldNotWriteIsWrittenWhole() {
        StreamedRecord writer = new StreamedRecord();
        assertThat(writer.write(row("{\"a\":[1,{\"b\":\"\\ud800", METADATA))).isNull();

        StoredEventRow row = row(TELEMETRY, METADATA);
        assertThat(writer.write(row).hash(PREV)).isEqualTo(treeHash(row));
    }

    @Test
    void onlyAHashCanBeThePreviousHash() {
        StreamedRecord.Parts parts = new StreamedRecord().write(row(TELEMETRY, METADATA));

        assertThatThrownBy(() -> parts.hash("\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedDocumentsHashAsTheirTreeRecords() {
        Random random = new Random(20261124);
        StreamedRecord writer = new StreamedRecord(); // reused, as the sealer's thread reuses it
        int written = 0;
        for (int i = 0; i < 20_000; i++) {
            Documents documents = new Documents(random);
            StoredEventRow row = row(documents.payload(), documents.metadata());
            StreamedRecord.Parts parts = writer.write(row);
            if (parts == null) {
                continue;
            }
            written++;
            assertThat(parts.hash(PREV)).as(row.toString()).isEqualTo(treeHash(row));
            assertThat(parts.tenantId()).isEqualTo(AuditRecord.tenantOf(row));
        }
        assertThat(written).as("documents the streamed way wrote").isGreaterThan(15_000);
    }

    /** Random JSON in the shapes events take, with names and strings chosen to stress ordering and escaping. */
    private record Documents(Random random) {
        private static final String[] NAMES = {"a", "b", "B", "aa", "a b", "tenantId", "actor", "é", "\u00ff", "\uE000",
                "😀", "z\"q", "back\\slash", "tab\t", "nul\u0000", "ctl\u001f", "del\u007f", "𝄞x", "x𝄞", ""};

        String payload() {
            return switch (random.nextInt(10)) {
                case 0 -> string();
                case 1 -> array(0);
                default -> object(0, true);
            };
        }

        String metadata() {
            return switch (random.nextInt(8)) {
                case 0 -> null;
                case 1 -> "{}";
                default -> "{\"actor\":" + maybeString() + ",\"requestId\":\"r\",\"extra\":" + value(1)
                        + (random.nextBoolean() ? ",\"tenantId\":" + maybeString() : "") + "}";
            };
        }

        private String object(int depth, boolean topLevel) {
            StringBuilder json = new StringBuilder("{");
            int members = random.nextInt(6);
            java.util.Set<String> used = new java.util.HashSet<>();
            for (int i = 0; i < members; i++) {
                String name = NAMES[random.nextInt(NAMES.length)];
                if (!used.add(name) || (topLevel && name.equals("tenantId"))) {
                    continue;
                }
                json.append(json.length() > 1 ? (random.nextBoolean() ? ", " : ",") : "").append(quote(name))
                        .append(random.nextBoolean() ? " : " : ":").append(value(depth + 1));
            }
            if (topLevel && random.nextBoolean()) {
                json.append(json.length() > 1 ? "," : "").append("\"tenantId\":").append(maybeString());
            }
            return json.append("}").toString();
        }

        private String array(int depth) {
            StringBuilder json = new StringBuilder("[");
            int elements = random.nextInt(4);
            for (int i = 0; i < elements; i++) {
                json.append(i > 0 ? "," : "").append(value(depth + 1));
            }
            return json.append("]").toString();
        }

        private String value(int depth) {
            int kind = random.nextInt(depth > 3 ? 6 : 8);
            return switch (kind) {
                case 0 -> "true";
                case 1 -> "false";
                case 2 -> "null";
                case 3 -> Long.toString(random.nextLong() >> random.nextInt(64));
                case 4 -> random.nextBoolean() ? "-0" : "123456789012345678901234567890";
                case 5 -> string();
                case 6 -> object(depth, false);
                default -> array(depth);
            };
        }

        private String maybeString() {
            return random.nextInt(4) == 0 ? "null" : string();
        }

        private String string() {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(7)) {
                    case 0 -> text.append("\\u").append(String.format("%04x", random.nextInt(0x20)));
                    case 1 -> text.append("\\").append("\"\\/bfnrt".charAt(random.nextInt(8)));
                    case 2 -> text.append(new String(Character.toChars(0x80 + random.nextInt(0x700))));
                    case 3 -> text.append(new String(Character.toChars(0x10000 + random.nextInt(0x1000))));
                    case 4 -> text.append("\\uD834\\uDD1E"); // an escaped surrogate pair
                    default -> text.append((char) ('a' + random.nextInt(26)));
                }
            }
            return "\"" + text + "\"";
        }

        private static String quote(String name) {
            StringBuilder quoted = new StringBuilder("\"");
            for (char c : name.toCharArray()) {
                if (c == '"' || c == '\\') {
                    quoted.append('\\').append(c);
                } else if (c < 0x20) {
                    quoted.append(String.format("\\u%04x", (int) c));
                } else {
                    quoted.append(c);
                }
            }
            return quoted.append('"').toString();
        }
    }
}
