package io.p3protocol.kernel.crypto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The one definition of canonical JSON that audit hashes are computed over (the sealing side and the
 * export/verify side must agree byte for byte):
 * <ul>
 *   <li>UTF-8, no insignificant whitespace;</li>
 *   <li>object members sorted by name in {@link String#compareTo} order (UTF-16 code units, as in RFC 8785);</li>
 *   <li>strings escape only {@code "}, {@code \} and control characters (short forms {@code \b \t \n \f \r},
 *       otherwise backslash, {@code u} and four lower-case hex digits); everything else, characters outside the
 *       BMP included, is written as raw UTF-8;</li>
 *   <li>numbers written exactly as parsed: integers as their digits, decimals as {@link java.math.BigDecimal#toString()}
 *       (no float rounding, trailing zeros kept), so parse → write is idempotent;</li>
 *   <li>{@code true}, {@code false}, {@code null} as literals. Duplicate member names are rejected when parsing.</li>
 * </ul>
 */
public final class CanonicalJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Pinned, so a Jackson upgrade that changes a default cannot change a hash:
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8) // 𝄞 as its 4 UTF-8 bytes, not two escapes
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE) // control characters as lower-case hex, as RFC 8785
            .disable(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private CanonicalJson() {
    }

    /** Parses JSON text exactly (decimals as BigDecimal); throws {@link IOException} on anything that is not JSON. */
    public static JsonNode parse(byte[] utf8) throws IOException {
        return MAPPER.readTree(utf8);
    }

    public static JsonNode parse(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    /**
     * A streaming parser with the same settings as {@link #parse} (duplicate member names refused), for callers that
     * read a document token by token; it does not check for trailing content, which is the caller's to do.
     */
    public static JsonParser newParser(byte[] utf8) throws IOException {
        return MAPPER.createParser(utf8);
    }

    /**
     * A UTF-8 generator with the canonical write settings, for callers that write records around canonical values
     * (e.g. an export). It leaves {@code out} open when closed.
     */
    public static JsonGenerator newGenerator(OutputStream out) throws IOException {
        JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return generator;
    }

    public static byte[] toBytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(node, generator);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write canonical JSON", e);
        }
        return out.toByteArray();
    }

    public static String toString(JsonNode node) {
        return new String(toBytes(node), StandardCharsets.UTF_8);
    }

    /** Writes {@code node} canonically into a generator the caller owns (e.g. one line of an export). */
    public static void write(JsonNode node, JsonGenerator generator) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(node.size());
                Iterator<String> it = node.fieldNames();
                it.forEachRemaining(names::add);
                names.sort(null);
                generator.writeStartObject();
                for (String name : names) {
                    generator.writeFieldName(name);
                    write(node.get(name), generator);
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(element, generator);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    generator.writeNumber(node.bigIntegerValue());
                } else {
                    generator.writeNumber(node.decimalValue());
                }
            }
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL -> generator.writeNull();
            default -> throw new IllegalArgumentException("not representable as canonical JSON: " + node.getNodeType());
        }
    }
}
