package io.p3protocol.command.rules.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.command.rules.actions.ActionValidator;
import io.p3protocol.command.rules.conditions.ConditionValidator;
import io.p3protocol.kernel.errors.InvalidInput;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects everything wrong with a rule definition before a command is sent, as one 400 {@code validation_failed}
 * problem whose {@code errors} keep the original's messages in the original's order: first {@code name}, then every
 * {@code condition} message (ConditionValidator), then every {@code action} message (ActionValidator), then
 * {@code priority} and {@code status}.
 */
final class RuleDefinitionValidation {
    private final List<InvalidInput.FieldError> errors = new ArrayList<>();

    RuleDefinitionValidation name(String name, boolean required) {
        if ((required || name != null) && (name == null || name.isBlank())) {
            errors.add(new InvalidInput.FieldError("name", "is required"));
        } else if (name != null && name.length() > 200) {
            errors.add(new InvalidInput.FieldError("name", "must be at most 200 characters"));
        }
        return this;
    }

    RuleDefinitionValidation description(String description) {
        if (description != null && description.length() > 2000) {
            errors.add(new InvalidInput.FieldError("description", "must be at most 2000 characters"));
        }
        return this;
    }

    /** A null {@code condition} means "not given": required ones report the original's "Condition must be an object". */
    RuleDefinitionValidation condition(JsonNode condition, boolean required) {
        if (condition != null || required) {
            ConditionValidator.validate(condition).forEach(m -> errors.add(new InvalidInput.FieldError("condition", m)));
        }
        return this;
    }

    RuleDefinitionValidation action(JsonNode action, boolean required) {
        if (action != null || required) {
            ActionValidator.validate(action).forEach(m -> errors.add(new InvalidInput.FieldError("action", m)));
        }
        return this;
    }

    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    RuleDefinitionValidation add(String field, String message) {
        errors.add(new InvalidInput.FieldError(field, message));
        return this;
    }
}
