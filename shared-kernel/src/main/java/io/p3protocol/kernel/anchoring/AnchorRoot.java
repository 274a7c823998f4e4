package io.p3protocol.kernel.anchoring;

import io.p3protocol.kernel.errors.InvalidInput;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A 32-byte Merkle root as anchored on chain (Solidity {@code bytes32}), written {@code 0x} + 64 lower-case hex
 * digits. It is the identifier of the Anchor aggregate: one root is anchored once.
 */
public final class AnchorRoot {
    private static final Pattern HEX_32_BYTES = Pattern.compile("(0x)?[0-9a-fA-F]{64}");
    private static final String ZERO = "0x" + "0".repeat(64);

    private AnchorRoot() {
    }

    /** Whether {@code text} is written as a root: 64 hex digits, optionally prefixed with 0x. */
    public static boolean isWrittenAsRoot(String text) {
        return text != null && HEX_32_BYTES.matcher(text).matches();
    }

    /** The canonical form of {@code text}, or InvalidInput (field {@code root}) when it is no usable root. */
    public static String parse(String text) {
        if (!isWrittenAsRoot(text)) {
            throw InvalidInput.of("root", "must be 32 bytes in hex: 64 hex digits, optionally prefixed with 0x");
        }
        String canonical = (text.startsWith("0x") ? text : "0x" + text).toLowerCase(Locale.ROOT);
        if (canonical.equals(ZERO)) {
            throw InvalidInput.of("root", "the zero root cannot be anchored (the registry refuses it)");
        }
        return canonical;
    }

    public static byte[] bytes(String canonicalRoot) {
        return HexFormat.of().parseHex(canonicalRoot.substring(2));
    }
}
