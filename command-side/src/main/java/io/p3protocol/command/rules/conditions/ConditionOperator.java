package io.p3protocol.command.rules.conditions;

import io.p3protocol.command.rules.conditions.js.Js;
import io.p3protocol.command.rules.conditions.js.JsArray;
import io.p3protocol.command.rules.conditions.js.JsError;
import io.p3protocol.command.rules.conditions.js.JsNull;
import io.p3protocol.command.rules.conditions.js.JsObject;
import io.p3protocol.command.rules.conditions.js.JsRegExp;
import io.p3protocol.command.rules.conditions.js.JsString;
import io.p3protocol.command.rules.conditions.js.JsUndefined;
import io.p3protocol.command.rules.conditions.js.JsValue;

import java.util.Optional;

/**
 * The original's 14 operators. Each binds its condition value once ({@link #bind}) into a test of field values with
 * the original's JavaScript semantics; see docs/rules.md for the table.
 */
public enum ConditionOperator {
    /** {@code fieldValue === value}. */
    EQ("eq") {
        @Override
        FieldValueTest bind(JsValue value) {
            return fieldValue -> Js.strictEquals(fieldValue, value);
        }
    },
    /** {@code fieldValue !== value}. */
    NE("ne") {
        @Override
        FieldValueTest bind(JsValue value) {
            return fieldValue -> !Js.strictEquals(fieldValue, value);
        }
    },
    /** {@code fieldValue > value}. */
    GT("gt") {
        @Override
        FieldValueTest bind(JsValue value) {
            return fieldValue -> Js.greaterThan(fieldValue, value);
        }
    },
    /** {@code fieldValue < value}. */
    LT("lt") {
        @Override
        FieldValueTest bind(JsValue value) {
            return fieldValue -> Js.lessThan(fieldValue, value);
        }
    },
    /** {@code fieldValue >= value}. */
    GTE("gte") {
        @Override
        FieldValueTest bind(JsValue value) {
            return fieldValue -> Js.greaterThanOrEqual(fieldValue, value);
        }
    },
    /** {@code fieldValue <= value}. */
    LTE("lte") {
        @Override
        FieldValueTest bind(JsValue value) {
            return fieldValue -> Js.lessThanOrEqual(fieldValue, value);
        }
    },
    /** {@code value.includes(fieldValue)}; a value that is not an array throws. */
    IN("in") {
        @Override
        FieldValueTest bind(JsValue value) {
            if (!(value instanceof JsArray array)) {
                return fieldValue -> {
                    throw new JsError("Value for \"in\" operator must be an array");
                };
            }
            return fieldValue -> Js.includes(array, fieldValue);
        }
    },
    /** {@code !value.includes(fieldValue)}; a value that is not an array throws. */
    NIN("nin") {
        @Override
        FieldValueTest bind(JsValue value) {
            if (!(value instanceof JsArray array)) {
                return fieldValue -> {
                    throw new JsError("Value for \"nin\" operator must be an array");
                };
            }
            return fieldValue -> !Js.includes(array, fieldValue);
        }
    },
    /** String field: {@code fieldValue.includes(String(value))}; array field: {@code fieldValue.includes(value)}; else false. */
    CONTAINS("contains") {
        @Override
        FieldValueTest bind(JsValue value) {
            Contains contains = new Contains(value);
            return fieldValue -> contains.test(fieldValue, false);
        }
    },
    /** The negation of {@code contains} for string and array fields; true for any other field value. */
    NOT_CONTAINS("not_contains") {
        @Override
        FieldValueTest bind(JsValue value) {
            Contains contains = new Contains(value);
            return fieldValue -> contains.test(fieldValue, true);
        }
    },
    /** String field and {@code new RegExp(value).test(fieldValue)}; any other field, or an invalid pattern: false. */
    MATCHES("matches") {
        @Override
        FieldValueTest bind(JsValue value) {
            RegExpOperand regExp = RegExpOperand.of(value);
            return fieldValue -> regExp.test(fieldValue, false);
        }
    },
    /** Not a string field, or an invalid pattern: true; else {@code !new RegExp(value).test(fieldValue)}. */
    NOT_MATCHES("not_matches") {
        @Override
        FieldValueTest bind(JsValue value) {
            RegExpOperand regExp = RegExpOperand.of(value);
            return fieldValue -> regExp.test(fieldValue, true);
        }
    },
    /** Neither undefined nor null. */
    EXISTS("exists") {
        @Override
        FieldValueTest bind(JsValue value) {
            return fieldValue -> fieldValue != JsUndefined.INSTANCE && fieldValue != JsNull.INSTANCE;
        }
    },
    /** Undefined or null. */
    NOT_EXISTS("not_exists") {
        @Override
        FieldValueTest bind(JsValue value) {
            return fieldValue -> fieldValue == JsUndefined.INSTANCE || fieldValue == JsNull.INSTANCE;
        }
    };

    private final String wireName;

    ConditionOperator(String wireName) {
        this.wireName = wireName;
    }

    /** The name in rule JSON, e.g. {@code not_contains}. */
    public String wireName() {
        return wireName;
    }

    /** Whether validation requires a {@code value} (all but exists and not_exists). */
    public boolean requiresValue() {
        return this != EXISTS && this != NOT_EXISTS;
    }

    /** The operator a JSON {@code operator} value names: only these exact strings, as the original's switch. */
    public static Optional<ConditionOperator> fromJs(JsValue operator) {
        if (operator instanceof JsString name) {
            for (ConditionOperator candidate : values()) {
                if (candidate.wireName.equals(name.value())) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    abstract FieldValueTest bind(JsValue value);

    /** The operands of contains/not_contains, with String(value) computed once (it cannot change). */
    private static final class Contains {
        private final JsValue value;
        private final String valueAsString;
        private final JsError valueToStringError;

        Contains(JsValue value) {
            this.value = value;
            String asString = null;
            JsError error = null;
            try {
                asString = Js.toJsString(value);
            } catch (JsError e) {
                error = e; // thrown only if a string field needs String(value), as in the original
            }
            this.valueAsString = asString;
            this.valueToStringError = error;
        }

        boolean test(JsValue fieldValue, boolean negate) {
            if (fieldValue instanceof JsString string) {
                if (valueToStringError != null) {
                    throw new JsError(valueToStringError.getMessage());
                }
                return string.value().contains(valueAsString) != negate;
            }
            if (fieldValue instanceof JsObject object && object.isArray()) {
                return Js.includes((JsArray) object, value) != negate;
            }
            return negate;
        }
    }

    /**
     * The pattern of matches/not_matches, compiled once. {@code new RegExp(undefined)} is the empty pattern; any
     * other value is converted with ToString, whose failure, like a JavaScript SyntaxError, lands in the original's
     * catch (not matching). Patterns Java cannot run faithfully and searches that exhaust their budget are errors.
     */
    private static final class RegExpOperand {
        private final JsRegExp regExp;
        private final String unusableReason;

        private RegExpOperand(JsRegExp regExp, String unusableReason) {
            this.regExp = regExp;
            this.unusableReason = unusableReason;
        }

        static RegExpOperand of(JsValue value) {
            String source;
            try {
                source = value == JsUndefined.INSTANCE ? "" : Js.toJsString(value);
            } catch (JsError e) {
                return new RegExpOperand(null, null);
            }
            JsRegExp regExp = JsRegExp.compile(source);
            return switch (regExp.status()) {
                case VALID -> new RegExpOperand(regExp, null);
                case SYNTAX_ERROR -> new RegExpOperand(null, null);
                case UNSUPPORTED -> new RegExpOperand(null,
                        "Unsupported regular expression /" + source + "/: " + regExp.problem());
            };
        }

        boolean test(JsValue fieldValue, boolean negate) {
            if (!(fieldValue instanceof JsString string)) {
                return negate;
            }
            if (unusableReason != null) {
                throw new JsError(unusableReason);
            }
            if (regExp == null) {
                return negate; // the original's catch: invalid pattern
            }
            try {
                return regExp.test(string.value()) != negate;
            } catch (JsRegExp.ResourceExhausted e) {
                throw new JsError(e.getMessage());
            }
        }
    }
}
