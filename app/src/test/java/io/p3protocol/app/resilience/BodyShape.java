package io.p3protocol.app.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The fields of a {@code @RequestBody} record with their constraints: enough to build a valid body and then break
 * it in one way at a time. Constraints are read from the record's fields, where Bean Validation sees them.
 */
final class BodyShape {
    record Field(String name, Class<?> type, Class<?> elementType, boolean required, Integer maxLength,
                 boolean notEmpty, Long min, Long max) {
        boolean isText() {
            return type == String.class;
        }

        boolean isCollection() {
            return Collection.class.isAssignableFrom(type);
        }

        boolean isNumber() {
            return Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class);
        }
    }

    private final List<Field> fields;

    private BodyShape(List<Field> fields) {
        this.fields = fields;
    }

    static BodyShape of(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        if (type != null && type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                java.lang.reflect.Field field;
                try {
                    field = type.getDeclaredField(component.getName());
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(e);
                }
                Size size = field.getAnnotation(Size.class);
                Min min = field.getAnnotation(Min.class);
                Max max = field.getAnnotation(Max.class);
                boolean notEmpty = field.isAnnotationPresent(NotEmpty.class);
                boolean required = notEmpty || field.isAnnotationPresent(NotBlank.class)
                        || field.isAnnotationPresent(NotNull.class) || component.getType().isPrimitive();
                fields.add(new Field(component.getName(), component.getType(),
                        elementType(component.getGenericType()), required,
                        size == null || size.max() == Integer.MAX_VALUE ? null : size.max(), notEmpty,
                        min == null ? null : min.value(), max == null ? null : max.value()));
            }
        }
        return new BodyShape(List.copyOf(fields));
    }

    List<Field> fields() {
        return fields;
    }

    /** A body the route accepts: every required field with a plain valid value, optional fields left out. */
    ObjectNode validSample(ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        for (Field field : fields) {
            if (field.required()) {
                body.set(field.name(), validValue(field, json));
            }
        }
        return body;
    }

    static JsonNode validValue(Field field, ObjectMapper json) {
        if (field.isText()) {
            return json.getNodeFactory().textNode("fuzz ok");
        }
        if (field.isCollection()) {
            ArrayNode array = json.createArrayNode();
            array.add(field.elementType() != null && field.elementType().isEnum()
                    ? json.valueToTree(leastEnumConstant(field.elementType()))
                    : json.getNodeFactory().textNode("fuzz ok"));
            return array;
        }
        if (field.isNumber()) {
            return json.getNodeFactory().numberNode(field.min() != null ? field.min() : 1L);
        }
        if (field.type() == Boolean.class || field.type() == boolean.class) {
            return json.getNodeFactory().booleanNode(true);
        }
        if (field.type() == Instant.class) {
            return json.getNodeFactory().textNode(Instant.now().plus(1, ChronoUnit.DAYS).toString());
        }
        if (field.type() == UUID.class) {
            return json.getNodeFactory().textNode(UUID.randomUUID().toString());
        }
        if (field.type().isEnum()) {
            return json.valueToTree(leastEnumConstant(field.type()));
        }
        return json.getNodeFactory().textNode("fuzz ok");
    }

    /** The last constant: by this project's convention the weakest (e.g. the viewer role). */
    private static Object leastEnumConstant(Class<?> enumType) {
        Object[] constants = enumType.getEnumConstants();
        return constants[constants.length - 1];
    }

    private static Class<?> elementType(Type generic) {
        if (generic instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments().length == 1) {
            Type argument = parameterized.getActualTypeArguments()[0];
            if (argument instanceof Class<?> c) {
                return c;
            }
        }
        return null;
    }
}
