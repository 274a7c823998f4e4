package io.p3protocol.command.rules.conditions.js;

import java.util.HashMap;
import java.util.Map;

/**
 * The built-in objects a field path can reach from a JSON value, as in Node.js 20: the prototypes of objects,
 * arrays, strings, numbers, booleans and functions, their methods (as {@link JsFunction}s with V8's names and
 * lengths), their constructors with the constructors' static members, and the accessors {@code __proto__} (gives
 * the prototype) and {@code caller}/{@code arguments} (throw, as for every built-in function).
 *
 * <p>The original walked paths with {@code value[part]}, so {@code name.length}, {@code tags.0},
 * {@code payload.constructor} or {@code payload.toString} all resolve to something. The property tables below were
 * listed with {@code Object.getOwnPropertyNames} on Node.js 20; other Node versions add or lack a few methods.
 */
final class JsBuiltins {
    static final JsString OBJECT_TO_STRING_RESULT = JsString.of("[object Object]");
    private static final String CALLER_ARGUMENTS_ERROR = "'caller', 'callee', and 'arguments' properties may not be "
            + "accessed on strict mode functions or the arguments objects for calls to them";

    private static final Map<String, JsValue> OBJECT_PROTOTYPE_OWN = new HashMap<>();
    private static final Map<String, JsValue> FUNCTION_PROTOTYPE_OWN = new HashMap<>();
    private static final Map<String, JsValue> ARRAY_PROTOTYPE_OWN = new HashMap<>();
    private static final Map<String, JsValue> STRING_PROTOTYPE_OWN = new HashMap<>();
    private static final Map<String, JsValue> NUMBER_PROTOTYPE_OWN = new HashMap<>();
    private static final Map<String, JsValue> BOOLEAN_PROTOTYPE_OWN = new HashMap<>();

    static final JsObject OBJECT_PROTOTYPE =
            new JsBuiltinObject(OBJECT_PROTOTYPE_OWN, null, OBJECT_TO_STRING_RESULT, OBJECT_TO_STRING_RESULT);
    static final JsObject FUNCTION_PROTOTYPE = new JsFunction("", 0, FUNCTION_PROTOTYPE_OWN, true);
    static final JsObject ARRAY_PROTOTYPE = new JsArray.Prototype(ARRAY_PROTOTYPE_OWN);
    static final JsObject STRING_PROTOTYPE =
            new JsBuiltinObject(STRING_PROTOTYPE_OWN, OBJECT_PROTOTYPE, JsString.EMPTY, JsString.EMPTY);
    static final JsObject NUMBER_PROTOTYPE =
            new JsBuiltinObject(NUMBER_PROTOTYPE_OWN, OBJECT_PROTOTYPE, JsNumber.ZERO, JsString.of("0"));
    static final JsObject BOOLEAN_PROTOTYPE =
            new JsBuiltinObject(BOOLEAN_PROTOTYPE_OWN, OBJECT_PROTOTYPE, JsBoolean.FALSE, JsString.of("false"));

    static {
        methods(OBJECT_PROTOTYPE_OWN, "__defineGetter__:2 __defineSetter__:2 hasOwnProperty:1 __lookupGetter__:1 "
                + "__lookupSetter__:1 isPrototypeOf:1 propertyIsEnumerable:1 toString:0 valueOf:0 toLocaleString:0");
        OBJECT_PROTOTYPE_OWN.put("__proto__", new JsAccessor(JsBuiltins::prototypeOf));
        OBJECT_PROTOTYPE_OWN.put("constructor", constructor("Object", OBJECT_PROTOTYPE, "assign:2 "
                + "getOwnPropertyDescriptor:2 getOwnPropertyDescriptors:1 getOwnPropertyNames:1 getOwnPropertySymbols:1 "
                + "hasOwn:2 is:2 preventExtensions:1 seal:1 create:2 defineProperties:2 defineProperty:3 freeze:1 "
                + "getPrototypeOf:1 setPrototypeOf:2 isExtensible:1 isFrozen:1 isSealed:1 keys:1 entries:1 "
                + "fromEntries:1 values:1", Map.of()));

        methods(FUNCTION_PROTOTYPE_OWN, "apply:2 bind:1 call:1 toString:0");
        JsAccessor throwing = new JsAccessor(receiver -> {
            throw new JsError(CALLER_ARGUMENTS_ERROR);
        });
        FUNCTION_PROTOTYPE_OWN.put("caller", throwing);
        FUNCTION_PROTOTYPE_OWN.put("arguments", throwing);
        FUNCTION_PROTOTYPE_OWN.put("constructor", constructor("Function", FUNCTION_PROTOTYPE, "", Map.of()));

        methods(ARRAY_PROTOTYPE_OWN, "at:1 concat:1 copyWithin:2 fill:1 find:1 findIndex:1 findLast:1 "
                + "findLastIndex:1 lastIndexOf:1 pop:0 push:1 reverse:0 shift:0 unshift:1 slice:2 sort:1 splice:2 "
                + "includes:1 indexOf:1 join:1 keys:0 entries:0 values:0 forEach:1 filter:1 flat:0 flatMap:1 map:1 "
                + "every:1 some:1 reduce:1 reduceRight:1 toLocaleString:0 toString:0 toReversed:0 toSorted:1 "
                + "toSpliced:2 with:2");
        ARRAY_PROTOTYPE_OWN.put("constructor", constructor("Array", ARRAY_PROTOTYPE, "isArray:1 from:1 of:0", Map.of()));

        STRING_PROTOTYPE_OWN.put("length", JsNumber.ZERO);
        methods(STRING_PROTOTYPE_OWN, "anchor:1 at:1 big:0 blink:0 bold:0 charAt:1 charCodeAt:1 codePointAt:1 "
                + "concat:1 endsWith:1 fontcolor:1 fontsize:1 fixed:0 includes:1 indexOf:1 isWellFormed:0 italics:0 "
                + "lastIndexOf:1 link:1 localeCompare:1 match:1 matchAll:1 normalize:0 padEnd:1 padStart:1 repeat:1 "
                + "replace:2 replaceAll:2 search:1 slice:2 small:0 split:2 strike:0 sub:0 substr:2 substring:2 sup:0 "
                + "startsWith:1 toString:0 toWellFormed:0 trim:0 trimStart:0 trimEnd:0 toLocaleLowerCase:0 "
                + "toLocaleUpperCase:0 toLowerCase:0 toUpperCase:0 valueOf:0");
        // Annex B aliases: the very same function objects, named trimStart and trimEnd.
        STRING_PROTOTYPE_OWN.put("trimLeft", STRING_PROTOTYPE_OWN.get("trimStart"));
        STRING_PROTOTYPE_OWN.put("trimRight", STRING_PROTOTYPE_OWN.get("trimEnd"));
        STRING_PROTOTYPE_OWN.put("constructor",
                constructor("String", STRING_PROTOTYPE, "fromCharCode:1 fromCodePoint:1 raw:1", Map.of()));

        methods(NUMBER_PROTOTYPE_OWN, "toExponential:1 toFixed:1 toPrecision:1 toString:1 valueOf:0 toLocaleString:0");
        Map<String, JsValue> numberConstants = new HashMap<>();
        numberConstants.put("MAX_VALUE", JsNumber.of(Double.MAX_VALUE));
        numberConstants.put("MIN_VALUE", JsNumber.of(Double.MIN_VALUE));
        numberConstants.put("NaN", JsNumber.NaN);
        numberConstants.put("NEGATIVE_INFINITY", JsNumber.of(Double.NEGATIVE_INFINITY));
        numberConstants.put("POSITIVE_INFINITY", JsNumber.of(Double.POSITIVE_INFINITY));
        numberConstants.put("MAX_SAFE_INTEGER", JsNumber.of(9007199254740991d));
        numberConstants.put("MIN_SAFE_INTEGER", JsNumber.of(-9007199254740991d));
        numberConstants.put("EPSILON", JsNumber.of(Math.ulp(1.0)));
        NUMBER_PROTOTYPE_OWN.put("constructor", constructor("Number", NUMBER_PROTOTYPE, "isFinite:1 isInteger:1 "
                + "isNaN:1 isSafeInteger:1 parseFloat:1 parseInt:2", numberConstants));

        methods(BOOLEAN_PROTOTYPE_OWN, "toString:0 valueOf:0");
        BOOLEAN_PROTOTYPE_OWN.put("constructor", constructor("Boolean", BOOLEAN_PROTOTYPE, "", Map.of()));
    }

    private JsBuiltins() {
    }

    /** The prototype a property lookup on a primitive starts from (the wrapper object's prototype). */
    static JsObject prototypeOfPrimitive(JsValue primitive) {
        if (primitive instanceof JsString) {
            return STRING_PROTOTYPE;
        }
        if (primitive instanceof JsNumber) {
            return NUMBER_PROTOTYPE;
        }
        if (primitive instanceof JsBoolean) {
            return BOOLEAN_PROTOTYPE;
        }
        throw new IllegalArgumentException("no prototype for " + primitive);
    }

    /** The {@code __proto__} getter: the receiver's [[Prototype]], or null at the end of the chain. */
    private static JsValue prototypeOf(JsValue receiver) {
        JsObject prototype = receiver instanceof JsObject object ? object.prototype() : prototypeOfPrimitive(receiver);
        return prototype == null ? JsNull.INSTANCE : prototype;
    }

    private static void methods(Map<String, JsValue> target, String namesAndLengths) {
        for (String entry : namesAndLengths.split(" ")) {
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String name = entry.substring(0, colon);
            target.put(name, new JsFunction(name, Integer.parseInt(entry.substring(colon + 1)), Map.of(), false));
        }
    }

    private static JsFunction constructor(String name, JsObject prototype, String staticMethods,
                                          Map<String, JsValue> staticValues) {
        Map<String, JsValue> own = new HashMap<>(staticValues);
        own.put("prototype", prototype);
        methods(own, staticMethods);
        return new JsFunction(name, 1, own, false);
    }
}
