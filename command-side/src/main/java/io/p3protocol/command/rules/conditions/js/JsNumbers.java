package io.p3protocol.command.rules.conditions.js;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JavaScript's number-to-text and text-to-number conversions: Number::toString (shortest round-trip digits, with
 * JavaScript's switch to exponent notation), StringToNumber (what {@code "10" > 9} uses), {@code parseFloat} and
 * {@code Number.prototype.toFixed}. Java's own {@code Double.toString}/{@code parseDouble} differ in format and in
 * the inputs they accept ("1.0", "1.0E21", "1d", "NaN", hex floats), so they are only used behind exact checks.
 */
public final class JsNumbers {
    private static final Pattern DECIMAL_LITERAL =
            Pattern.compile("[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)");
    private static final Pattern DECIMAL_PREFIX =
            Pattern.compile("[+-]?(?:Infinity|\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)");
    private static final double TWO_POW_53 = 9007199254740992d;

    private JsNumbers() {
    }

    /** Number::toString(x) with radix 10, e.g. 1 → "1", 0.1 → "0.1", 1e21 → "1e+21", 1e-7 → "1e-7", -0 → "0". */
    public static String toString(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (x == 0) {
            return "0";
        }
        if (x < 0) {
            return "-" + toString(-x);
        }
        if (Double.isInfinite(x)) {
            return "Infinity";
        }
        if (x < TWO_POW_53 && x == Math.rint(x)) {
            return Long.toString((long) x); // an exact integer below 2^53 is its own shortest representation
        }
        BigDecimal shortest = shortestRoundTrip(x).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // x = 0.digits × 10^n
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        String exponent = (n - 1 >= 0 ? "+" : "-") + Math.abs(n - 1);
        return k == 1 ? digits + "e" + exponent : digits.charAt(0) + "." + digits.substring(1) + "e" + exponent;
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code x}; among those, the closest to
     * {@code x} (ties: even last digit). Both neighbours at each precision are tried, because near a power of two
     * the rounding interval is lopsided and the nearer neighbour may not round-trip while the farther one does.
     */
    private static BigDecimal shortestRoundTrip(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downOk = down.doubleValue() == x;
            boolean upOk = up.doubleValue() == x;
            if (downOk && upOk) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                if (cmp != 0) {
                    return cmp < 0 ? down : up;
                }
                return down.unscaledValue().testBit(0) ? up : down;
            }
            if (downOk) {
                return down;
            }
            if (upOk) {
                return up;
            }
        }
        return exact.round(MathContext.DECIMAL64);
    }

    /**
     * StringToNumber: surrounding JavaScript white space is ignored; "" is 0; decimal literals with optional sign,
     * "Infinity", and unsigned 0x/0o/0b integers are numbers; anything else (including "1_000", "1n", "0x" with a
     * sign, Java's "1d" or "NaN") is NaN.
     */
    public static double stringToNumber(String text) {
        String s = trim(text, true, true);
        if (s.isEmpty()) {
            return 0;
        }
        if (s.length() > 2 && s.charAt(0) == '0') {
            int radix = switch (s.charAt(1)) {
                case 'x', 'X' -> 16;
                case 'o', 'O' -> 8;
                case 'b', 'B' -> 2;
                default -> 0;
            };
            if (radix != 0) {
                return parseRadixInteger(s.substring(2), radix);
            }
        }
        switch (s) {
            case "Infinity", "+Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        return DECIMAL_LITERAL.matcher(s).matches() ? Double.parseDouble(s) : Double.NaN;
    }

    private static double parseRadixInteger(String digits, int radix) {
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c >= 128 || Character.digit(c, radix) < 0) { // ASCII digits only, unlike Character.digit
                return Double.NaN;
            }
        }
        return new BigInteger(digits, radix).doubleValue(); // correctly rounded, like the spec's MV
    }

    /** The global {@code parseFloat(string)}: leading white space skipped, the longest decimal prefix read, else NaN. */
    public static double parseFloat(String text) {
        Matcher prefix = DECIMAL_PREFIX.matcher(trim(text, true, false));
        if (!prefix.lookingAt()) {
            return Double.NaN;
        }
        String literal = prefix.group();
        if (literal.endsWith("Infinity")) {
            return literal.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(literal);
    }

    /** {@code x.toFixed(digits)}: exact decimal rounding of the double, halves away from zero; ToString from 1e21. */
    public static String toFixed(double x, int digits) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (x < 0) {
            return "-" + toFixed(-x, digits);
        }
        if (x >= 1e21) {
            return toString(x);
        }
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_UP).toPlainString();
    }

    /** JavaScript's StrWhiteSpaceChar: WhiteSpace (incl. BOM and the Zs category) and LineTerminator. */
    public static boolean isWhiteSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }

    private static String trim(String s, boolean start, boolean end) {
        int from = 0;
        int to = s.length();
        while (start && from < to && isWhiteSpace(s.charAt(from))) {
            from++;
        }
        while (end && to > from && isWhiteSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }
}
