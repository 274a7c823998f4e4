package io.p3protocol.app.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;

/**
 * Text in request bodies may hold any Unicode except control characters (tab and line breaks are fine) and
 * unpaired surrogates. PostgreSQL cannot store NUL, and the others would be mangled on their way into events,
 * read models and logs, so they are refused as a field error instead of being kept half-broken.
 */
final class RequestTextDeserializer extends StdScalarDeserializer<String> {

    RequestTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = StringDeserializer.instance.deserialize(parser, context);
        int index = firstForbiddenCharacter(text);
        if (index >= 0) {
            throw JsonMappingException.from(parser, String.format(
                    "contains the character U+%04X at index %d; control characters (other than tab and line"
                            + " breaks) and unpaired surrogates are not allowed", (int) text.charAt(index), index));
        }
        return text;
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    /** The index of the first character text may not hold, or -1. */
    static int firstForbiddenCharacter(String text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
