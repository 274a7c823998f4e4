package io.p3protocol.kernel.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.bouncycastle.crypto.digests.KeccakDigest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An EVM wallet address, the identity the original keys its {@code pubkeys} by ({@code address varchar(42)}):
 * {@code 0x} and 40 hex digits. Stored and compared lower-case, as the original does. Input may be all lower-case,
 * all upper-case, or mixed case; mixed case is an EIP-55 checksum, and a wrong checksum is refused (it is how
 * wallets catch a mistyped address).
 */
public record WalletAddress(String value) {
    private static final Pattern SHAPE = Pattern.compile("0[xX][0-9a-fA-F]{40}");

    public WalletAddress {
        if (value == null || !value.matches("0x[0-9a-f]{40}")) {
            throw new IllegalArgumentException("a wallet is 0x followed by 40 lower-case hex digits");
        }
    }

    /** Parses user input: {@code 0x} + 40 hex digits, with a valid EIP-55 checksum when the case is mixed. */
    @JsonCreator
    public static WalletAddress parse(String input) {
        if (input == null || !SHAPE.matcher(input).matches()) {
            throw new IllegalArgumentException("must be an EVM address: 0x followed by 40 hex digits");
        }
        String hex = input.substring(2);
        String lower = hex.toLowerCase(Locale.ROOT);
        boolean mixedCase = !hex.equals(lower) && !hex.equals(hex.toUpperCase(Locale.ROOT));
        if (mixedCase && !hex.equals(eip55(lower))) {
            throw new IllegalArgumentException("mixed-case address with a wrong EIP-55 checksum (mistyped?)");
        }
        return new WalletAddress("0x" + lower);
    }

    /** The EIP-55 spelling: a letter is upper-case where the nibble of keccak256(lower-case hex) is >= 8. */
    static String eip55(String lowerHex) {
        KeccakDigest keccak = new KeccakDigest(256);
        byte[] ascii = lowerHex.getBytes(StandardCharsets.US_ASCII);
        keccak.update(ascii, 0, ascii.length);
        byte[] hash = new byte[32];
        keccak.doFinal(hash, 0);
        StringBuilder out = new StringBuilder(40);
        for (int i = 0; i < lowerHex.length(); i++) {
            char c = lowerHex.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
            out.append(Character.isLetter(c) && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    /** The EIP-55 checksummed form, for display. */
    public String checksummed() {
        return "0x" + eip55(value.substring(2));
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
