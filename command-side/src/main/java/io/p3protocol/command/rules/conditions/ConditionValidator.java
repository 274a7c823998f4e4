package io.p3protocol.command.rules.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.command.rules.conditions.js.Js;
import io.p3protocol.command.rules.conditions.js.JsArray;
import io.p3protocol.command.rules.conditions.js.JsError;
import io.p3protocol.command.rules.conditions.js.JsJson;
import io.p3protocol.command.rules.conditions.js.JsNull;
import io.p3protocol.command.rules.conditions.js.JsObject;
import io.p3protocol.command.rules.conditions.js.JsRegExp;
import io.p3protocol.command.rules.conditions.js.JsString;
import io.p3protocol.command.rules.conditions.js.JsUndefined;
import io.p3protocol.command.rules.conditions.js.JsValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The original's validateCondition: the same checks, messages and order, as a list (empty when valid).
 *
 * <p>Composite node ({@code conditions} is an array): logic must be "and" or "or"; at least one sub-condition;
 * then each sub-condition's errors prefixed "Sub-condition &lt;i&gt;: ". A composite node needs no
 * {@code operator} (the original's HTTP schema wrongly required one). Simple node: field, then operator, then a
 * known operator, then a value unless exists/not_exists ({@code null} counts as a value).
 *
 * <p>Two additions, after the original's messages for the node, where the original would have thrown out of
 * validation or where this implementation cannot reproduce JavaScript:
 * <ul>
 *   <li>a null (or missing) node: "Condition must be an object" (the original threw a TypeError);</li>
 *   <li>matches/not_matches with a pattern JavaScript accepts but java.util.regex cannot run faithfully:
 *       "Operator matches: unsupported regular expression /…/: &lt;reason&gt;".</li>
 * </ul>
 * Where building a message would make JavaScript throw (an operator object with a {@code toString} key), the
 * thrown TypeError's message is the message.
 */
public final class ConditionValidator {
    private static final JsString AND = JsString.of("and");
    private static final JsString OR = JsString.of("or");

    private ConditionValidator() {
    }

    public static List<String> validate(JsonNode condition) {
        return validate(JsJson.toJs(condition));
    }

    static List<String> validate(JsValue node) {
        List<String> errors = new ArrayList<>();
        if (node == JsNull.INSTANCE || node == JsUndefined.INSTANCE) {
            errors.add("Condition must be an object");
            return errors;
        }
        JsValue conditions = Js.getProperty(node, "conditions");
        if (Js.toBoolean(conditions) && conditions instanceof JsObject object && object.isArray()) {
            JsArray array = (JsArray) object;
            JsValue logic = Js.getProperty(node, "logic");
            if (!Js.toBoolean(logic) || !(Js.strictEquals(logic, AND) || Js.strictEquals(logic, OR))) {
                errors.add("Composite condition must have logic set to \"and\" or \"or\"");
            }
            if (array.length() == 0) {
                errors.add("Composite condition must have at least one sub-condition");
            }
            for (int i = 0; i < array.length(); i++) {
                for (String error : validate(array.get(i))) {
                    errors.add("Sub-condition " + i + ": " + error);
                }
            }
            return errors;
        }
        JsValue field = Js.getProperty(node, "field");
        JsValue operator = Js.getProperty(node, "operator");
        JsValue value = Js.getProperty(node, "value");
        if (!Js.toBoolean(field)) {
            errors.add("Simple condition must have a field");
        }
        if (!Js.toBoolean(operator)) {
            errors.add("Condition must have an operator");
            return errors;
        }
        Optional<ConditionOperator> known = ConditionOperator.fromJs(operator);
        if (known.isEmpty()) {
            errors.add(withOperator("Invalid operator: ", operator, ""));
        }
        if (known.map(ConditionOperator::requiresValue).orElse(true) && value == JsUndefined.INSTANCE) {
            errors.add(withOperator("Operator ", operator, " requires a value"));
        }
        if (known.isPresent() && (known.get() == ConditionOperator.MATCHES || known.get() == ConditionOperator.NOT_MATCHES)
                && value != JsUndefined.INSTANCE) {
            unsupportedPattern(value).ifPresent(reason ->
                    errors.add("Operator " + known.get().wireName() + ": " + reason));
        }
        return errors;
    }

    /** A template literal around the operator; ToString can throw in JavaScript, and then that is the message. */
    private static String withOperator(String before, JsValue operator, String after) {
        try {
            return before + Js.toJsString(operator) + after;
        } catch (JsError e) {
            return e.getMessage();
        }
    }

    private static Optional<String> unsupportedPattern(JsValue value) {
        String source;
        try {
            source = Js.toJsString(value);
        } catch (JsError e) {
            return Optional.empty(); // the original's catch: never matches, faithfully reproduced
        }
        JsRegExp regExp = JsRegExp.compile(source);
        return regExp.status() == JsRegExp.Status.UNSUPPORTED
                ? Optional.of("unsupported regular expression /" + source + "/: " + regExp.problem())
                : Optional.empty();
    }
}
