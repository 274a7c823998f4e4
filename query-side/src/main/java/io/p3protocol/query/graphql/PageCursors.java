package io.p3protocol.query.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque cursors of one list: base64url of {@code <list>:<list position>}. Clients must not build them; a cursor of
 * another list, or anything that is not a cursor, is refused with a clear error rather than silently restarting.
 */
public enum PageCursors {
    TENANTS("tenants"), API_KEYS("apiKeys"), RULE_TRIGGERS("ruleTriggers");

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    private final String list;

    PageCursors(String list) {
        this.list = list;
    }

    /** The page asked for with {@code first} and {@code after}: {@code after} decoded to a list position. */
    public record PageRequest(Long afterPosition, int limit) {
    }

    public PageRequest request(Integer first, String after) {
        int limit = first == null ? DEFAULT_PAGE_SIZE : first;
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new InvalidGraphQlArgument("invalid_page_size",
                    "'first' must be between 1 and " + MAX_PAGE_SIZE + " (was " + limit + ").");
        }
        return new PageRequest(after == null ? null : decode(after), limit);
    }

    public String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((list + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    long decode(String cursor) {
        String prefix = list + ":";
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(prefix)) {
                long position = Long.parseLong(text.substring(prefix.length()));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException notBase64OrNotANumber) {
            // reported below, the same as a well-formed cursor of another list
        }
        throw new InvalidGraphQlArgument("invalid_cursor", "'after' is not a cursor of the " + list
                + " list: pass the endCursor (or an edge's cursor) of a previous page of " + list + ".");
    }
}
