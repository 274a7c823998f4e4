package io.p3protocol.kernel.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * The original's rule statuses: {@code active} rules run their actions on live events, {@code testing} rules are
 * evaluated on live events in dry-run mode (they record what they would have done), {@code inactive} rules are not
 * evaluated.
 */
public enum RuleStatus {
    ACTIVE, INACTIVE, TESTING;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code active|inactive|testing} (exact, lower case, as the original's CHECK constraint). */
    @JsonCreator
    public static RuleStatus fromWire(String value) {
        for (RuleStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be one of active, inactive, testing");
    }

    /** Whether live events are evaluated against rules in this status. */
    public boolean evaluatedOnLiveEvents() {
        return this != INACTIVE;
    }
}
