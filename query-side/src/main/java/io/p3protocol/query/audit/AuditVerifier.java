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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an NDJSON export as it streams in, in memory bounded by the number of tenant chains (never by the number
 * of records). Every record's hash is recomputed ({@link AuditRecord#hashOf}); unless links are switched off, every
 * record's {@code prevHash} must equal the hash of the previous record of the same tenant in the export. The first
 * record of each tenant is the anchor: a partial export (one tenant, a range) verifies on its own.
 * <p>
 * Checking goes on after a break, so {@code checked} counts every record; the answer names every problem (with a
 * code, the seq and the event id) and the first one. With a {@link SealedChainComparison} every record is also
 * compared with the sealed chain, and the export with the checkpoints' Merkle roots and anchors.
 */
@Component
public class AuditVerifier {
    /** A longer line is a break: no sealed event comes near it (request bodies are capped at 1 MiB). */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    /** Distinct tenant chains one verification tracks; memory stays bounded whatever the body holds. */
    static final int MAX_CHAINS = 100_000;

    /**
     * One thing wrong with the export.
     *
     * @param code    {@code not_a_record}, {@code hash_mismatch}, {@code link_broken}, {@code too_many_chains}
     *                (the export against itself); {@code sealed_mismatch}, {@code not_sealed},
     *                {@code missing_from_export}, {@code checkpoint_mismatch} (against the sealed chain and its
     *                checkpoints, see {@link SealedChainComparison})
     * @param seq     the record's (or missing event's, or checkpoint's last) seq; null when the line has none
     * @param eventId the record's or missing event's id, when known
     * @param line    1-based line of the record; null for an event missing from the export or a checkpoint
     */
    public record Problem(String code, Long seq, String eventId, Long line, String detail) {
    }

    /**
     * @param valid              true when nothing is wrong: the export's own chain and, when compared, the sealed
     *                           chain and the checkpoints
     * @param checked            records (non-blank lines) read
     * @param chains             tenant chains seen
     * @param firstBreakSeq      {@code seq} of the first problem (by line), null when valid or when it has none
     * @param firstBreakLine     line of the first problem, null when valid or when the problem has no line
     * @param reason             the first problem's detail, null when valid
     * @param problemCount       every problem found; {@code problems} lists at most {@link #MAX_LISTED}, by line
     * @param sealed             the comparison with the sealed chain and the checkpoints; null when not made
     */
    public record Result(boolean valid, long checked, int chains, Long firstBreakSeq, Long firstBreakLine,
                         String reason, long problemCount, List<Problem> problems,
                         SealedChainComparison.Outcome sealed) {
    }

    /** Problems listed in one answer at most; the count is always complete. */
    static final int MAX_LISTED = 1000;

    /**
     * @param checkLinks false for an export that picks single records ({@code types} filter): only the hashes can
     *                   be checked then, not the chain between them
     * @throws InvalidInput when the body does not start with a JSON object, i.e. is not NDJSON at all
     */
    public Result verify(InputStream body, boolean checkLinks) throws IOException {
        return verify(body, checkLinks, null);
    }

    /**
     * Also compares every record with the sealed chain, and the export with the checkpoints, through
     * {@code comparison} (null: the export is checked against itself only).
     */
    public Result verify(InputStream body, boolean checkLinks, SealedChainComparison comparison) throws IOException {
        Verification v = new Verification(checkLinks, comparison);
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

    /** Collects problems in memory bounded by {@link #MAX_LISTED} (beyond it only counts), listed by line. */
    static final class Problems {
        private final List<Problem> listed = new ArrayList<>();
        private long count;

        void add(String code, Long seq, String eventId, Long line, String detail) {
            count++;
            if (listed.size() < MAX_LISTED * 2) {
                listed.add(new Problem(code, seq, eventId, line, detail));
            }
        }

        long count() {
            return count;
        }

        List<Problem> byLine() {
            List<Problem> sorted = new ArrayList<>(listed);
            sorted.sort(Comparator.comparing(Problem::line, Comparator.nullsLast(Comparator.naturalOrder())));
            return sorted.size() > MAX_LISTED ? List.copyOf(sorted.subList(0, MAX_LISTED)) : sorted;
        }
    }

    private static final class Verification {
        private final boolean checkLinks;
        private final SealedChainComparison comparison;
        private final Map<String, Head> heads = new HashMap<>();
        private final Problems problems = new Problems();
        private long checked;
        private boolean chainLimitReported;

        private record Head(String hash, long seq) {
        }

        Verification(boolean checkLinks, SealedChainComparison comparison) {
            this.checkLinks = checkLinks;
            this.comparison = comparison;
        }

        void check(byte[] line, long lineNumber, boolean tooLong) {
            boolean first = checked == 0;
            checked++;
            if (tooLong) {
                problems.add("not_a_record", null, null, lineNumber, "line is longer than " + MAX_LINE_BYTES + " bytes");
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
                problems.add("not_a_record", null, null, lineNumber, "line is not a JSON object");
                return;
            }
            ObjectNode record = (ObjectNode) parsed;
            JsonNode seqNode = record.get("seq");
            Long seq = seqNode != null && seqNode.isIntegralNumber() && seqNode.canConvertToLong()
                    ? seqNode.longValue() : null;
            String hash = text(record, AuditRecord.HASH);
            String prevHash = text(record, AuditRecord.PREV_HASH);
            String eventId = text(record, "eventId");
            JsonNode tenantNode = record.get("tenantId");
            if (seq == null || !AuditRecord.isHash(hash) || !AuditRecord.isHash(prevHash)
                    || tenantNode == null || !(tenantNode.isTextual() || tenantNode.isNull())) {
                problems.add("not_a_record", seq, eventId, lineNumber,
                        "not an audit record (needs seq, tenantId, prevHash and hash)");
                return;
            }
            if (!AuditRecord.hashOf(record).equals(hash)) {
                problems.add("hash_mismatch", seq, eventId, lineNumber,
                        "hash mismatch: the record differs from what was sealed");
            }
            String tenant = tenantNode.isNull() ? null : tenantNode.textValue();
            if (checkLinks) {
                Head head = heads.get(tenant);
                if (head != null && !head.hash.equals(prevHash)) {
                    problems.add("link_broken", seq, eventId, lineNumber, "prevHash does not continue the tenant's"
                            + " chain after seq " + head.seq + " (a record is missing or was altered)");
                }
                if (head != null || heads.size() < MAX_CHAINS) {
                    heads.put(tenant, new Head(hash, seq));
                } else if (!chainLimitReported) {
                    chainLimitReported = true;
                    problems.add("too_many_chains", seq, eventId, lineNumber, "more than " + MAX_CHAINS
                            + " tenant chains: links of further tenants are not checked");
                }
            }
            if (comparison != null) {
                comparison.add(lineNumber, seq, eventId, hash, problems);
            }
        }

        Result result() {
            SealedChainComparison.Outcome sealed = comparison == null ? null
                    : comparison.finish(checkLinks, problems);
            List<Problem> listed = problems.byLine();
            Problem first = listed.isEmpty() ? null : listed.get(0);
            return new Result(problems.count() == 0, checked, heads.size(), first == null ? null : first.seq(),
                    first == null ? null : first.line(), first == null ? null : first.detail(), problems.count(),
                    listed, sealed);
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
