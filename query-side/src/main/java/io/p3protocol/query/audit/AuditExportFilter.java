package io.p3protocol.query.audit;

import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.query.web.QueryParameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an export selects. {@code tenantId} null means every chain (platform admin only). The range bounds select
 * a contiguous slice of the chain (see {@link AuditExporter}).
 *
 * @param from inclusive lower time bound in the store's timestamp form (millisecond precision), or null
 * @param to   inclusive upper time bound, same form, or null
 */
public record AuditExportFilter(String tenantId, Long fromSeq, String from, String to, Set<String> types) {
    static final int MAX_TYPES = 50;
    private static final Pattern SIMPLE_TYPE_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,199}");

    /** Parses the raw query parameters; every unusable value is reported, field by field, as one 400. */
    public static AuditExportFilter parse(String tenantId, String fromSeq, String from, String to, String types) {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        String tenant = QueryParameters.tenantId("tenantId", tenantId, errors);
        Long seq = null;
        if (fromSeq != null && !fromSeq.isBlank()) {
            try {
                seq = Long.parseLong(fromSeq.trim());
                if (seq < 0) {
                    errors.add(new InvalidInput.FieldError("fromSeq", "must be 0 or more"));
                }
            } catch (NumberFormatException e) {
                errors.add(new InvalidInput.FieldError("fromSeq", "must be a whole number"));
            }
        }
        Instant fromInstant = QueryParameters.instant("from", from, errors);
        Instant toInstant = QueryParameters.instant("to", to, errors);
        if (fromInstant != null && toInstant != null && fromInstant.isAfter(toInstant)) {
            errors.add(new InvalidInput.FieldError("to", "must not be before 'from'"));
        }
        Set<String> typeNames = new LinkedHashSet<>();
        if (types != null && !types.isBlank()) {
            for (String name : types.split(",", -1)) {
                String trimmed = name.trim();
                if (!SIMPLE_TYPE_NAME.matcher(trimmed).matches()) {
                    errors.add(new InvalidInput.FieldError("types", "'" + QueryParameters.abbreviate(trimmed)
                            + "' is not an event name (e.g. TenantCreatedEvent)"));
                    break;
                }
                typeNames.add(trimmed);
            }
            if (typeNames.size() > MAX_TYPES) {
                errors.add(new InvalidInput.FieldError("types", "at most " + MAX_TYPES + " event names"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new AuditExportFilter(tenant, seq, QueryParameters.storeTimestamp(fromInstant),
                QueryParameters.storeTimestamp(toInstant), Set.copyOf(typeNames));
    }

    public AuditExportFilter withTenant(String scopedTenantId) {
        return new AuditExportFilter(scopedTenantId, fromSeq, from, to, types);
    }
}
