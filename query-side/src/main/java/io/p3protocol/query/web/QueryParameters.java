package io.p3protocol.query.web;

import io.p3protocol.kernel.errors.InvalidInput;
import org.axonframework.common.DateTimeUtils;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Parsing of the query parameters the read surfaces share. A bad value is added to {@code errors} (the caller
 * answers 400 with all of them at once) and yields null.
 */
public final class QueryParameters {
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private QueryParameters() {
    }

    /**
     * An ISO-8601 instant ({@code 2025-01-31T12:00:00Z}; offsets allowed), or null when absent. Years outside
     * 0000–9999 are refused: the store's text-ordered timestamps only cover those.
     */
    public static Instant instant(String field, String value, List<InvalidInput.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant parsed = DateTimeUtils.parseInstant(value.trim());
            if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
                errors.add(new InvalidInput.FieldError(field, "must lie between the years 0000 and 9999"));
                return null;
            }
            return parsed;
        } catch (DateTimeException e) {
            errors.add(new InvalidInput.FieldError(field,
                    "'" + abbreviate(value) + "' is not an ISO-8601 instant (e.g. 2025-01-31T12:00:00Z)"));
            return null;
        }
    }

    /** A tenant id in its canonical lower-case UUID form, or null when absent. */
    public static String tenantId(String field, String value, List<InvalidInput.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        try {
            String canonical = UUID.fromString(trimmed).toString();
            if (canonical.equalsIgnoreCase(trimmed)) {
                return canonical;
            }
        } catch (IllegalArgumentException notUuid) {
            // reported below
        }
        errors.add(new InvalidInput.FieldError(field, "must be a tenant id (UUID)"));
        return null;
    }

    /**
     * The form the event store writes timestamps in: ISO-8601 UTC with exactly three fraction digits, so comparing
     * text compares time (at millisecond precision).
     */
    public static String storeTimestamp(Instant instant) {
        return instant == null ? null : DateTimeUtils.formatInstant(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    public static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
