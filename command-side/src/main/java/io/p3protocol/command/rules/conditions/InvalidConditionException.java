package io.p3protocol.command.rules.conditions;

import java.util.List;

/** A condition that {@link ConditionValidator} rejects, with its messages in the original's order. */
public final class InvalidConditionException extends RuntimeException {
    private final List<String> errors;

    public InvalidConditionException(List<String> errors) {
        super("Invalid condition: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
