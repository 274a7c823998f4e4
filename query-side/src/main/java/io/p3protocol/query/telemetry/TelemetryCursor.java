package io.p3protocol.query.telemetry;

import io.p3protocol.query.graphql.InvalidGraphQlArgument;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque keyset cursors of the telemetry lists: base64url of {@code <list>:<sort value>:<id>}. A cursor of another
 * list, or anything that is not a cursor, is refused rather than silently restarting the list.
 */
record TelemetryCursor(String sortValue, String id) {

    String encode(String list) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((list + ":" + sortValue + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static TelemetryCursor decode(String list, String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String prefix = list + ":";
            if (text.startsWith(prefix)) {
                String rest = text.substring(prefix.length());
                int colon = rest.indexOf(':');
                if (colon > 0 && colon < rest.length() - 1) {
                    return new TelemetryCursor(rest.substring(0, colon), rest.substring(colon + 1));
                }
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below
        }
        throw new InvalidGraphQlArgument("invalid_cursor", "'after' is not a cursor of the " + list
                + " list: pass the endCursor (or an edge's cursor) of a previous page of " + list + ".");
    }
}
