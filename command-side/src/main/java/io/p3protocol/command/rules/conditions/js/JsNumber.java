package io.p3protocol.command.rules.conditions.js;

/** A JavaScript number: an IEEE 754 double, like every JSON number once JavaScript has parsed it. */
public final class JsNumber implements JsValue {
    public static final JsNumber ZERO = new JsNumber(0);
    public static final JsNumber NaN = new JsNumber(Double.NaN);

    private final double value;

    private JsNumber(double value) {
        this.value = value;
    }

    public static JsNumber of(double value) {
        return value == 0 && Double.doubleToRawLongBits(value) == 0 ? ZERO : new JsNumber(value);
    }

    public double value() {
        return value;
    }

    /** Structural equality for tests and collections; JavaScript equality is {@link Js#strictEquals}. */
    @Override
    public boolean equals(Object other) {
        return other instanceof JsNumber number && Double.compare(number.value, value) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }

    @Override
    public String toString() {
        return JsNumbers.toString(value);
    }
}
