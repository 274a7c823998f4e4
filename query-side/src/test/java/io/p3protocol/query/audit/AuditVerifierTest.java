package io.p3protocol.query.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.projection.audit.AuditRecord;
import io.p3protocol.projection.eventstore.StoredEventRow;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditVerifierTest {
    private final AuditVerifier verifier = new AuditVerifier();

    /** Seals events of the given tenants, in order, the way the sealer does, and returns the NDJSON lines. */
    private static List<String> export(String... tenants) throws IOException {
        Map<String, String> heads = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < tenants.length; i++) {
            String tenant = tenants[i];
            StoredEventRow row = new StoredEventRow(i + 1, "ev-" + i, "agg-" + tenant, i, "Tenant",
                    "io.p3protocol.kernel.tenancy.TenantRenamedEvent", null, "2025-01-31T12:00:00.00" + i + "Z",
                    ("{\"tenantId\":\"" + tenant + "\",\"name\":\"n" + i + "\"}").getBytes(StandardCharsets.UTF_8),
                    ("{\"tenantId\":\"" + tenant + "\",\"actor\":\"system\"}").getBytes(StandardCharsets.UTF_8));
            ObjectNode record = AuditRecord.unsealed(row, heads.getOrDefault(tenant, AuditRecord.GENESIS));
            String hash = AuditRecord.hashOf(record);
            record.put(AuditRecord.HASH, hash);
            heads.put(tenant, hash);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AuditRecordWriter writer = AuditRecordWriter.ndjson(out);
            writer.write(record);
            writer.finish();
            lines.add(out.toString(StandardCharsets.UTF_8).strip());
        }
        return lines;
    }

    private AuditVerifier.Result verify(List<String> lines, boolean checkLinks) throws IOException {
        return verifier.verify(new ByteArrayInputStream((String.join("\n", lines) + "\n")
                .getBytes(StandardCharsets.UTF_8)), checkLinks);
    }

    @Test
    void anUntouchedExportOfInterleavedTenantsIsValid() throws IOException {
        AuditVerifier.Result result = verify(export("a", "b", "a", "a", "b"), true);
        assertThat(result.valid()).isTrue();
        assertThat(result.checked()).isEqualTo(5);
        assertThat(result.chains()).isEqualTo(2);
        assertThat(result.firstBreakSeq()).isNull();
    }

    @Test
    void aPartialExportIsAnchoredAtEachTenantsFirstRecord() throws IOException {
        List<String> lines = export("a", "b", "a", "a", "b");
        assertThat(verify(lines.subList(2, 5), true).valid()).isTrue();
    }

    @Test
    void anAlteredRecordBreaksAtItsSeq() throws IOException {
        List<String> lines = export("a", "b", "a", "a");
        lines.set(2, lines.get(2).replace("\"name\":\"n2\"", "\"name\":\"N2\""));
        AuditVerifier.Result result = verify(lines, true);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBreakSeq()).isEqualTo(3);
        assertThat(result.firstBreakLine()).isEqualTo(3);
        assertThat(result.reason()).contains("hash mismatch");
    }

    @Test
    void aRemovedRecordBreaksTheTenantsChainAtTheNextRecord() throws IOException {
        List<String> lines = export("a", "b", "a", "a");
        lines.remove(2);
        AuditVerifier.Result result = verify(lines, true);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBreakSeq()).isEqualTo(4);
        assertThat(result.reason()).contains("prevHash");
    }

    @Test
    void aSelectionOfSingleRecordsVerifiesRecordByRecordWithoutLinks() throws IOException {
        List<String> lines = export("a", "a", "a");
        List<String> selection = List.of(lines.get(0), lines.get(2));
        assertThat(verify(selection, true).valid()).isFalse();
        assertThat(verify(selection, false).valid()).isTrue();
    }

    @Test
    void aMalformedLineIsABreakAtThatLineAndCheckingGoesOn() throws IOException {
        List<String> lines = new ArrayList<>(export("a", "a"));
        lines.add(1, "{\"seq\": 17, oops");
        AuditVerifier.Result result = verify(lines, true);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBreakLine()).isEqualTo(2);
        assertThat(result.firstBreakSeq()).isNull();
        assertThat(result.checked()).isEqualTo(3);
    }

    @Test
    void aBodyThatIsNotNdjsonAtAllIsRefused() {
        assertThatThrownBy(() -> verify(List.of("seq,eventId,type", "1,x,y"), true))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void anEmptyBodyHoldsNoBrokenRecord() throws IOException {
        AuditVerifier.Result result = verifier.verify(new ByteArrayInputStream(new byte[0]), true);
        assertThat(result.valid()).isTrue();
        assertThat(result.checked()).isZero();
    }

    @Test
    void crlfLineEndsAndBlankLinesAreAccepted() throws IOException {
        String body = String.join("\r\n\r\n", export("a", "b", "a")) + "\r\n";
        AuditVerifier.Result result = verifier.verify(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), true);
        assertThat(result.valid()).isTrue();
        assertThat(result.checked()).isEqualTo(3);
    }
}
