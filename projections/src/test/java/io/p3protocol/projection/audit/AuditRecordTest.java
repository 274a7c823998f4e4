package io.p3protocol.projection.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.kernel.crypto.Sha256;
import io.p3protocol.projection.eventstore.StoredEventRow;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRecordTest {
    private static final String PREV = "ab".repeat(32);

    private static StoredEventRow row(String payload) {
        return new StoredEventRow(42, "ev-1", "agg-1", 3, "Tenant",
                "io.p3protocol.kernel.tenancy.TenantRenamedEvent", null, "2025-01-31T12:00:00.123Z",
                payload.getBytes(StandardCharsets.UTF_8),
                "{\"tenantId\":\"t-1\",\"actor\":\"platform-admin\",\"requestId\":\"r\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hashIsSha256OfPrevHashFollowedByTheCanonicalRecord() {
        ObjectNode record = AuditRecord.unsealed(row("{\"tenantId\":\"t-1\", \"name\":\"b\",\"previousName\":\"a\"}"), PREV);

        String canonical = "{\"actor\":\"platform-admin\",\"aggregateId\":\"agg-1\",\"aggregateSeq\":3,"
                + "\"eventId\":\"ev-1\",\"payload\":{\"name\":\"b\",\"previousName\":\"a\",\"tenantId\":\"t-1\"},"
                + "\"prevHash\":\"" + PREV + "\",\"seq\":42,\"tenantId\":\"t-1\","
                + "\"timestamp\":\"2025-01-31T12:00:00.123Z\",\"type\":\"TenantRenamedEvent\"}";
        assertThat(AuditRecord.hashOf(record)).isEqualTo(Sha256.hex(PREV + canonical));
    }

    @Test
    void theHashMemberItselfIsNotHashed() {
        ObjectNode record = AuditRecord.unsealed(row("{\"name\":\"b\"}"), PREV);
        String hash = AuditRecord.hashOf(record);
        record.put(AuditRecord.HASH, hash);
        assertThat(AuditRecord.hashOf(record)).isEqualTo(hash);
    }

    @Test
    void oneChangedPayloadByteChangesTheHash() {
        assertThat(AuditRecord.hashOf(AuditRecord.unsealed(row("{\"name\":\"b\"}"), PREV)))
                .isNotEqualTo(AuditRecord.hashOf(AuditRecord.unsealed(row("{\"name\":\"c\"}"), PREV)));
    }

    @Test
    void anUnreadablePayloadIsRecordedAsItsBytes() {
        ObjectNode record = AuditRecord.unsealed(row("{not json"), PREV);
        assertThat(record.get("payload").textValue()).isEqualTo("base64:e25vdCBqc29u");
    }

    @Test
    void aMissingRowNeverHashesLikeTheSealedRecord() {
        ObjectNode sealed = AuditRecord.unsealed(row("{\"name\":\"b\"}"), PREV);
        ObjectNode missing = AuditRecord.unsealedMissing(42, "ev-1", "t-1", PREV);
        assertThat(AuditRecord.hashOf(missing)).isNotEqualTo(AuditRecord.hashOf(sealed));
        assertThat(missing.get("payload").isNull()).isTrue();
    }
}
