package io.p3protocol.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.kernel.crypto.CanonicalJson;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.projection.audit.AuditRecord;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks an NDJSON export as it streams in, in memory bounded by the number of tenant chains (never by the number
 * of records). Every record's hash is recomputed ({@link AuditRecord#hashOf}); unless links are switched off, every
 * record's {@code prevHash} must equal the hash of the previous record of the same tenant in the export. The first
 * record of each tenant is the anchor: a partial export (one tenant, a range) verifies on its own.
 * <p>
 * Checking goes on after a break, so {@code checked} counts every record; the answer names the first break.
 */
@Component
public class AuditVerifier {
    /** A longer line is a break: no sealed event comes near it (request bodies are capped at 1 MiB). */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    /** Distinct tenant chains one verification tracks; memory stays bounded whatever the body holds. */
    static final int MAX_CHAINS = 100_000;

    /**
     * @param valid          true when no record broke
     * @param checked        records (non-blank lines) read
     * @param chains         tenant chains seen
     * @param firstBreakSeq  {@code seq} of the first broken record, null when valid or when the line had none
     * @param firstBreakLine 1-based line number of the first broken record, null when valid
     * @param reason         why the first break is one, null when valid
     */
    public record Result(boolean valid, long checked, int chains, Long firstBreakSeq, Long firstBreakLine,
                         String reason) {
    }

    /**
     * @param checkLinks false for an export that picks single records ({@code types} filter): only the hashes can
     *                   be checked then, not the chain between them
     * @throws InvalidInput when the body does not start with a JSON object, i.e. is not NDJSON at all
     */
    public Result verify(InputStream body, boolean checkLinks) throws IOException {
        Verification v = new Verification(checkLinks);
        LineReader lines = new LineReader(body);
        byte[] line;
        while ((line = lines.next()) != null) {
            if (isBlank(line)) {
                continue;
            }
            v.check(line, lines.lineNumber(), lines.lastLineTooLong());
        }
        return v.result();
    }

    private static final class Verification {
        private final boolean checkLinks;
        private final Map<String, Head> heads = new HashMap<>();
        private long checked;
        private Long firstBreakSeq;
        private Long firstBreakLine;
        private String reason;
        private boolean chainLimitReported;

        private record Head(String hash, long seq) {
        }

        Verification(boolean checkLinks) {
            this.checkLinks = checkLinks;
        }

        void check(byte[] line, long lineNumber, boolean tooLong) {
            boolean first = checked == 0;
            checked++;
            if (tooLong) {
                fail(null, lineNumber, "line is longer than " + MAX_LINE_BYTES + " bytes");
                return;
            }
            JsonNode parsed;
            try {
                parsed = CanonicalJson.parse(line);
            } catch (IOException e) {
                parsed = null;
            }
            if (parsed == null || !parsed.isObject()) {
                if (first) {
                    throw InvalidInput.of("body", "not NDJSON: the first line is not a JSON object"
                            + " (send an export of GET /api/audit/events, one record per line)");
                }
                fail(null, lineNumber, "line is not a JSON object");
                return;
            }
            ObjectNode record = (ObjectNode) parsed;
            JsonNode seqNode = record.get("seq");
            Long seq = seqNode != null && seqNode.isIntegralNumber() && seqNode.canConvertToLong()
                    ? seqNode.longValue() : null;
            String hash = text(record, AuditRecord.HASH);
            String prevHash = text(record, AuditRecord.PREV_HASH);
            JsonNode tenantNode = record.get("tenantId");
            if (seq == null || !AuditRecord.isHash(hash) || !AuditRecord.isHash(prevHash)
                    || tenantNode == null || !(tenantNode.isTextual() || tenantNode.isNull())) {
                fail(seq, lineNumber, "not an audit record (needs seq, tenantId, prevHash and hash)");
                return;
            }
            if (!AuditRecord.hashOf(record).equals(hash)) {
                fail(seq, lineNumber, "hash mismatch: the record differs from what was sealed");
            }
            if (checkLinks) {
                String tenant = tenantNode.isNull() ? null : tenantNode.textValue();
                Head head = heads.get(tenant);
                if (head != null && !head.hash.equals(prevHash)) {
                    fail(seq, lineNumber, "prevHash does not continue the tenant's chain after seq " + head.seq
                            + " (a record is missing or was altered)");
                }
                if (head != null || heads.size() < MAX_CHAINS) {
                    heads.put(tenant, new Head(hash, seq));
                } else if (!chainLimitReported) {
                    chainLimitReported = true;
                    fail(seq, lineNumber, "more than " + MAX_CHAINS + " tenant chains: links of further tenants"
                            + " are not checked");
                }
            }
        }

        private void fail(Long seq, long lineNumber, String why) {
            if (firstBreakLine == null) {
                firstBreakSeq = seq;
                firstBreakLine = lineNumber;
                reason = why;
            }
        }

        Result result() {
            return new Result(firstBreakLine == null, checked, heads.size(), firstBreakSeq, firstBreakLine, reason);
        }

        private static String text(JsonNode record, String field) {
            JsonNode value = record.get(field);
            return value != null && value.isTextual() ? value.textValue() : null;
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Splits a byte stream at {@code \n} (dropping a trailing {@code \r}); over-long lines are cut, not buffered. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;
        private long lineNumber;
        private boolean tooLong;

        LineReader(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            tooLong = false;
            boolean sawAny = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (!sawAny) {
                            return null;
                        }
                        break;
                    }
                }
                sawAny = true;
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                int length = position - start;
                if (!tooLong && line.size() + length > MAX_LINE_BYTES) {
                    tooLong = true;
                    line.reset();
                }
                if (!tooLong) {
                    line.write(buffer, start, length);
                }
                if (position < limit) {
                    position++; // the newline
                    break;
                }
            }
            lineNumber++;
            byte[] bytes = line.toByteArray();
            if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
                return java.util.Arrays.copyOf(bytes, bytes.length - 1);
            }
            return bytes;
        }

        long lineNumber() {
            return lineNumber;
        }

        boolean lastLineTooLong() {
            return tooLong;
        }
    }
}
