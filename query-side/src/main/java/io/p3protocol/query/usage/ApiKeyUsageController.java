package io.p3protocol.query.usage;

import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.usage.ApiKeyUsage;
import io.p3protocol.kernel.usage.FindApiKeyUsage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * {@code GET /api/api-keys/{keyId}/usage[?month=YYYY-MM]}: a key's usage in a UTC month (this one by default), shaped
 * as the original's. Months are kept for {@code p3.usage.retention-months} (13 by default).
 */
@RestController
@Tag(name = "API keys")
public class ApiKeyUsageController {
    private final QueryGateway queries;
    private final Clock clock;

    public ApiKeyUsageController(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/api/api-keys/{keyId}/usage")
    @Operation(summary = "A key's requests in a UTC month (this one unless month=YYYY-MM) against its quota, by "
            + "endpoint. Another tenant's key is 404.")
    public ApiKeyUsage usage(@Parameter(hidden = true) Caller caller, @PathVariable UUID keyId,
                             @RequestParam(required = false) String month) {
        return usageOf(queries, caller, keyId.toString(), parseMonth(month, clock));
    }

    /**
     * {@code YYYY-MM}, not after the current UTC month; null or blank is the current month. Anything else is a 400
     * naming the field.
     */
    public static YearMonth parseMonth(String month, Clock clock) {
        if (month == null || month.isBlank()) {
            return null;
        }
        YearMonth parsed;
        try {
            parsed = YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInput.of("month", "must be a month as YYYY-MM, e.g. 2026-10");
        }
        if (parsed.isAfter(YearMonth.now(clock.withZone(ZoneOffset.UTC)))) {
            throw InvalidInput.of("month", "must not be after the current UTC month");
        }
        return parsed;
    }

    /** Shared with GraphQL: a tenant key sees its own tenant's keys; others' are reported as not found. */
    public static ApiKeyUsage usageOf(QueryGateway queries, Caller caller, String keyId, YearMonth month) {
        caller.requireRole(Role.VIEWER);
        return queries.query(new FindApiKeyUsage(keyId, caller.platformAdmin() ? null : caller.tenantId(), month),
                        ResponseTypes.optionalInstanceOf(ApiKeyUsage.class)).join()
                .orElseThrow(() -> new UnknownAggregate("api_key_not_found", "no API key " + keyId));
    }
}
