package io.p3protocol.kernel.errors;

import java.util.List;

/**
 * Input refused field by field in the telemetry wire format the original clients expect: the REST surface answers
 * 400 with code {@code VALIDATION_ERROR} and {@code details[{field, message}]} (unlike {@link InvalidInput}, whose
 * answer is {@code validation_failed} with {@code errors}). Field paths name array indexes, e.g.
 * {@code events[3].eventType}.
 */
public class ValidationError extends RuntimeException {
    public static final String CODE = "VALIDATION_ERROR";

    private final List<InvalidInput.FieldError> details;

    public ValidationError(List<InvalidInput.FieldError> details) {
        super(details.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b)
                .orElse("invalid input"));
        this.details = List.copyOf(details);
    }

    public List<InvalidInput.FieldError> details() {
        return details;
    }
}
