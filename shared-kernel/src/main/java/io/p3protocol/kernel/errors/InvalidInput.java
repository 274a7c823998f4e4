package io.p3protocol.kernel.errors;

import java.util.List;

/**
 * Request values that cannot be used, named field by field (query parameters a controller parses itself, for
 * example). The REST surface answers 400 {@code validation_failed} with one entry per field.
 */
public class InvalidInput extends RuntimeException {
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid input"));
        this.errors = List.copyOf(errors);
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
