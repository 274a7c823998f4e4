package io.p3protocol.command.rules.conditions.js;

/**
 * The JavaScript abstract operations the rules engine relies on, following ECMAScript 2023 and V8's error messages:
 * property access, ToBoolean, ToPrimitive, ToNumber, ToString, strict equality ({@code ===}), SameValueZero
 * ({@code Array.prototype.includes}) and the relational comparison behind {@code < > <= >=}.
 */
public final class Js {
    /** The outcome of IsLessThan: true, false, or undefined (a NaN was involved, so every comparison is false). */
    public enum LessThan { TRUE, FALSE, UNDEFINED }

    private Js() {
    }

    /**
     * {@code base[key]}: own property, then the prototype chain; primitives use their wrapper's prototype, strings
     * also have {@code length} and one-code-unit strings at integer indexes.
     *
     * @throws JsError V8's TypeError when {@code base} is null or undefined, or for a throwing accessor
     */
    public static JsValue getProperty(JsValue base, String key) {
        JsObject start;
        if (base instanceof JsObject object) {
            start = object;
        } else if (base instanceof JsString string) {
            String value = string.value();
            if ("length".equals(key)) {
                return JsNumber.of(value.length());
            }
            long index = arrayIndex(key);
            if (index >= 0 && index < value.length()) {
                return JsString.of(String.valueOf(value.charAt((int) index)));
            }
            start = JsBuiltins.STRING_PROTOTYPE;
        } else if (base == JsUndefined.INSTANCE || base == JsNull.INSTANCE) {
            throw new JsError("Cannot read properties of " + base + " (reading '" + key + "')");
        } else {
            start = JsBuiltins.prototypeOfPrimitive(base);
        }
        for (JsObject object = start; object != null; object = object.prototype()) {
            JsValue value = object.ownProperty(key);
            if (value != null) {
                return value instanceof JsAccessor accessor ? accessor.get(base) : value;
            }
        }
        return JsUndefined.INSTANCE;
    }

    /**
     * The integer a property key denotes as an array (or string) index: canonical decimal digits ("0", "17", not
     * "01", "-0", "1.0" or "1e1") below 2^32 - 1. Returns -1 for any other key.
     */
    static long arrayIndex(String key) {
        int length = key.length();
        if (length == 0 || length > 10) {
            return -1;
        }
        char first = key.charAt(0);
        if (first < '0' || first > '9' || (first == '0' && length > 1)) {
            return -1;
        }
        long index = 0;
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            index = index * 10 + (c - '0');
        }
        return index < 4294967295L ? index : -1;
    }

    /** ToBoolean: false for undefined, null, false, +0, -0, NaN and ""; true for everything else. */
    public static boolean toBoolean(JsValue value) {
        if (value instanceof JsBoolean bool) {
            return bool.value();
        }
        if (value instanceof JsNumber number) {
            double d = number.value();
            return d != 0 && !Double.isNaN(d);
        }
        if (value instanceof JsString string) {
            return !string.value().isEmpty();
        }
        return value instanceof JsObject;
    }

    /** {@code a === b}: same type and value for primitives (NaN never, +0 equals -0), same reference for objects. */
    public static boolean strictEquals(JsValue a, JsValue b) {
        if (a instanceof JsNumber x) {
            return b instanceof JsNumber y && x.value() == y.value();
        }
        if (a instanceof JsString x) {
            return b instanceof JsString y && x.value().equals(y.value());
        }
        return a == b;
    }

    /** SameValueZero, the equality of {@code Array.prototype.includes}: like {@code ===}, except NaN equals NaN. */
    public static boolean sameValueZero(JsValue a, JsValue b) {
        if (a instanceof JsNumber x && b instanceof JsNumber y && Double.isNaN(x.value())) {
            return Double.isNaN(y.value());
        }
        return strictEquals(a, b);
    }

    /** {@code array.includes(value)}. */
    public static boolean includes(JsArray array, JsValue value) {
        for (int i = 0, n = array.length(); i < n; i++) {
            if (sameValueZero(array.get(i), value)) {
                return true;
            }
        }
        return false;
    }

    /** ToPrimitive with hint "number" (comparisons) or "string" (ToString); primitives are returned as they are. */
    public static JsValue toPrimitive(JsValue value, boolean hintString) {
        return value instanceof JsObject object ? object.toPrimitive(hintString) : value;
    }

    /** ToNumber. */
    public static double toNumber(JsValue value) {
        if (value instanceof JsNumber number) {
            return number.value();
        }
        if (value instanceof JsString string) {
            return JsNumbers.stringToNumber(string.value());
        }
        if (value instanceof JsBoolean bool) {
            return bool.value() ? 1 : 0;
        }
        if (value == JsNull.INSTANCE) {
            return 0;
        }
        if (value == JsUndefined.INSTANCE) {
            return Double.NaN;
        }
        return toNumber(toPrimitive(value, false));
    }

    /** ToString (also what {@code String(v)}, template literals and {@code new RegExp(v)} use). */
    public static String toJsString(JsValue value) {
        if (value instanceof JsString string) {
            return string.value();
        }
        if (value instanceof JsNumber number) {
            return JsNumbers.toString(number.value());
        }
        if (value instanceof JsObject object) {
            return toJsString(object.toPrimitive(true));
        }
        return value.toString(); // undefined, null, true, false
    }

    /**
     * IsLessThan(x, y): both sides ToPrimitive (hint number); two strings compare by UTF-16 code units; otherwise
     * both go through ToNumber, and a NaN makes the result undefined.
     */
    public static LessThan isLessThan(JsValue x, JsValue y) {
        JsValue px = toPrimitive(x, false);
        JsValue py = toPrimitive(y, false);
        if (px instanceof JsString sx && py instanceof JsString sy) {
            return sx.value().compareTo(sy.value()) < 0 ? LessThan.TRUE : LessThan.FALSE;
        }
        double nx = toNumber(px);
        double ny = toNumber(py);
        if (Double.isNaN(nx) || Double.isNaN(ny)) {
            return LessThan.UNDEFINED;
        }
        return nx < ny ? LessThan.TRUE : LessThan.FALSE;
    }

    /** {@code x > y}. */
    public static boolean greaterThan(JsValue x, JsValue y) {
        return isLessThan(y, x) == LessThan.TRUE;
    }

    /** {@code x < y}. */
    public static boolean lessThan(JsValue x, JsValue y) {
        return isLessThan(x, y) == LessThan.TRUE;
    }

    /** {@code x >= y}: not (x < y), but false when undefined, so {@code undefined >= undefined} is false. */
    public static boolean greaterThanOrEqual(JsValue x, JsValue y) {
        return isLessThan(x, y) == LessThan.FALSE;
    }

    /** {@code x <= y}: not (y < x), but false when undefined. */
    public static boolean lessThanOrEqual(JsValue x, JsValue y) {
        return isLessThan(y, x) == LessThan.FALSE;
    }
}
