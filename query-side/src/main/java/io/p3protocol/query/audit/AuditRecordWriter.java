package io.p3protocol.query.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.kernel.crypto.CanonicalJson;
import io.p3protocol.projection.audit.AuditRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Writes audit records to a stream as they come: NDJSON (verifiable) or CSV (for spreadsheets). */
public interface AuditRecordWriter {
    void begin() throws IOException;

    void write(ObjectNode record) throws IOException;

    /** Flushes what is buffered; the caller closes the stream. */
    void finish() throws IOException;

    /** One JSON object per line, fields in {@link AuditRecord#FIELDS} order, payload in canonical form. */
    static AuditRecordWriter ndjson(OutputStream out) throws IOException {
        JsonGenerator json = CanonicalJson.newGenerator(out);
        json.setRootValueSeparator(null);
        return new AuditRecordWriter() {
            @Override
            public void begin() {
            }

            @Override
            public void write(ObjectNode record) throws IOException {
                json.writeStartObject();
                for (String field : AuditRecord.FIELDS) {
                    json.writeFieldName(field);
                    CanonicalJson.write(record.get(field), json);
                }
                json.writeEndObject();
                json.writeRaw('\n');
            }

            @Override
            public void finish() throws IOException {
                json.flush();
            }
        };
    }

    /**
     * RFC 4180 CSV with a header row of {@link AuditRecord#FIELDS}; null is an empty field, the payload its
     * canonical JSON. Fields holding a comma, quote or line break are quoted, quotes doubled.
     */
    static AuditRecordWriter csv(OutputStream out) {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        return new AuditRecordWriter() {
            @Override
            public void begin() throws IOException {
                text.write(String.join(",", AuditRecord.FIELDS));
                text.write("\r\n");
            }

            @Override
            public void write(ObjectNode record) throws IOException {
                for (int i = 0; i < AuditRecord.FIELDS.size(); i++) {
                    if (i > 0) {
                        text.write(',');
                    }
                    text.write(quote(cell(record.get(AuditRecord.FIELDS.get(i)))));
                }
                text.write("\r\n");
            }

            @Override
            public void finish() throws IOException {
                text.flush();
            }
        };
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isContainerNode() ? CanonicalJson.toString(value) : value.asText();
    }

    private static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
