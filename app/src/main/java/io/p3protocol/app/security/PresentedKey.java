package io.p3protocol.app.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

/**
 * Finds the API key a client presented, in order: {@code X-API-Key: <key>}, {@code Authorization: Bearer <key>},
 * or {@code Authorization: Basic base64(<any user>:<key>)} (so a browser's login prompt works: the password is the
 * key). Used for HTTP requests, WebSocket upgrade requests and {@code connection_init} payloads alike.
 */
public final class PresentedKey {
    private PresentedKey() {
    }

    /** @param header reads one header (or payload entry) by name; null when absent */
    public static String from(Function<String, String> header) {
        String apiKey = header.apply("X-API-Key");
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        String authorization = header.apply("Authorization");
        if (authorization == null) {
            return null;
        }
        if (hasScheme(authorization, "Bearer")) {
            return nonBlank(authorization.substring(7));
        }
        if (hasScheme(authorization, "Basic")) {
            return basicPassword(authorization.substring(6).trim());
        }
        return null;
    }

    private static boolean hasScheme(String authorization, String scheme) {
        return authorization.length() > scheme.length() + 1
                && authorization.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1);
    }

    /** Malformed Basic credentials count as no key at all, so a browser prompts again. */
    private static String basicPassword(String encoded) {
        try {
            String userAndPassword = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = userAndPassword.indexOf(':');
            return colon < 0 ? null : nonBlank(userAndPassword.substring(colon + 1));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static String nonBlank(String value) {
        return value.isBlank() ? null : value.trim();
    }
}
