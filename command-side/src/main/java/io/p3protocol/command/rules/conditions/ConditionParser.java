package io.p3protocol.command.rules.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.command.rules.conditions.js.Js;
import io.p3protocol.command.rules.conditions.js.JsArray;
import io.p3protocol.command.rules.conditions.js.JsError;
import io.p3protocol.command.rules.conditions.js.JsJson;
import io.p3protocol.command.rules.conditions.js.JsObject;
import io.p3protocol.command.rules.conditions.js.JsString;
import io.p3protocol.command.rules.conditions.js.JsValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link Condition} tree from rule JSON, reading each node the way the original's evaluateCondition
 * did, so that every decision it made per evaluation is taken here once:
 * <ul>
 *   <li>{@code conditions} truthy and an array: composite. {@code logic || 'and'}; exactly "and" is every (all of),
 *       any other truthy logic is some (any of). {@code field}, {@code operator} and {@code value} are ignored.</li>
 *   <li>otherwise simple: a falsy {@code field} throws "Condition must have a field"; a non-string field throws
 *       V8's "field.split is not a function"; an unknown operator throws "Unknown operator: &lt;op&gt;", after the
 *       field lookup (which can itself throw).</li>
 *   <li>a null node throws V8's "Cannot read properties of null (reading 'conditions')".</li>
 * </ul>
 * These errors are thrown at evaluation, only when evaluation reaches the node. {@link #parse} accepts any JSON;
 * {@link #parseValid} first applies {@link ConditionValidator}, which is what stored rules and dry runs use.
 */
public final class ConditionParser {
    private ConditionParser() {
    }

    /** Validates, then parses. */
    public static Condition parseValid(JsonNode condition) {
        List<String> errors = ConditionValidator.validate(condition);
        if (!errors.isEmpty()) {
            throw new InvalidConditionException(errors);
        }
        return parse(condition);
    }

    /** Parses any JSON, valid or not, into a tree that evaluates exactly like the original. */
    public static Condition parse(JsonNode condition) {
        return parse(JsJson.toJs(condition));
    }

    static Condition parse(JsValue node) {
        JsValue conditions;
        try {
            conditions = Js.getProperty(node, "conditions");
        } catch (JsError e) {
            return new FailingCondition(e.getMessage());
        }
        if (Js.toBoolean(conditions) && conditions instanceof JsObject object && object.isArray()) {
            JsArray array = (JsArray) object;
            List<Condition> children = new ArrayList<>(array.length());
            for (int i = 0; i < array.length(); i++) {
                children.add(parse(array.get(i)));
            }
            JsValue logic = Js.getProperty(node, "logic");
            boolean and = !Js.toBoolean(logic) || Js.strictEquals(logic, JsString.of("and"));
            return and ? new AllOfCondition(children) : new AnyOfCondition(children);
        }
        JsValue field = Js.getProperty(node, "field");
        JsValue operator = Js.getProperty(node, "operator");
        JsValue value = Js.getProperty(node, "value");
        if (!Js.toBoolean(field)) {
            return new FailingCondition("Condition must have a field");
        }
        if (!(field instanceof JsString fieldName)) {
            return new FailingCondition("field.split is not a function");
        }
        Optional<ConditionOperator> known = ConditionOperator.fromJs(operator);
        FieldValueTest test = known.isPresent() ? known.get().bind(value) : unknownOperator(operator);
        return new FieldCondition(FieldPath.parse(fieldName.value()), test);
    }

    private static FieldValueTest unknownOperator(JsValue operator) {
        String message;
        try {
            message = "Unknown operator: " + Js.toJsString(operator);
        } catch (JsError e) {
            message = e.getMessage(); // the template literal itself threw
        }
        String thrown = message;
        return fieldValue -> {
            throw new JsError(thrown);
        };
    }
}
