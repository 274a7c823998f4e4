package io.p3protocol.kernel.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Associated data for {@link AesGcm}: an unambiguous encoding of a purpose label and context fields (each field as
 * a 4-byte big-endian length and its UTF-8 bytes), so {@code ("a|b", "c")} and {@code ("a", "b|c")} can never
 * collide, whatever characters the fields contain.
 */
public final class Aad {
    private Aad() {
    }

    public static byte[] of(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >>> 24);
            out.write(bytes.length >>> 16);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
