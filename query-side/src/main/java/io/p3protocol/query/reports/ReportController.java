package io.p3protocol.query.reports;


import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.query.web.QueryParameters;
import io.p3protocol.query.web.TwoWayNegotiation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Replay-driven compliance reports. Needs the {@code admin} role; a tenant key gets its own tenant only, the
 * platform-admin key all tenants or one ({@code tenantId}).
 */
@RestController
@Tag(name = "Reports", description = "Compliance reports replayed from the event store as of an instant")
public class ReportController {
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final ReportCatalog catalog;
    private final ReportReplayer replayer;
    private final ObjectMapper json;
    private final Clock clock;

    public ReportController(ReportCatalog catalog, ReportReplayer replayer, ObjectMapper json, Clock clock) {
        this.catalog = catalog;
        this.replayer = replayer;
        this.json = json;
        this.clock = clock;
    }

    public record ReportDescription(String name, String title, String href) {
    }

    @GetMapping("/api/reports")
    @Operation(summary = "List the available reports")
    public List<ReportDescription> list(@Parameter(hidden = true) Caller caller) {
        caller.requireRole(Role.ADMIN);
        return catalog.all().stream()
                .map(r -> new ReportDescription(r.name(), r.title(), "/api/reports/" + r.name())).toList();
    }

    @GetMapping("/api/reports/{name}")
    @Operation(summary = "Run a report as of an instant: JSON, or an HTML page with Accept: text/html")
    public ResponseEntity<?> report(
            @Parameter(hidden = true) Caller caller,
            @PathVariable String name,
            @Parameter(description = "ISO-8601 instant the report describes (default: now; not in the future)")
            @RequestParam(required = false) String asOf,
            @Parameter(description = "Only this tenant (platform admin; a tenant key may only name its own)")
            @RequestParam(required = false) String tenantId,
            @RequestHeader(value = "Accept", required = false) String accept)
            throws HttpMediaTypeNotAcceptableException {
        caller.requireRole(Role.ADMIN);
        ComplianceReport report = catalog.get(name);
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        Instant now = clock.instant();
        Instant at = QueryParameters.instant("asOf", asOf, errors);
        if (at != null && at.isAfter(now)) {
            errors.add(new InvalidInput.FieldError("asOf", "must not lie in the future"));
        }
        String tenant = QueryParameters.tenantId("tenantId", tenantId, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        boolean html = TwoWayNegotiation.prefersAlternative(accept, MediaType.TEXT_HTML, MediaType.APPLICATION_JSON);
        ReportRequest request = new ReportRequest(caller.scopeTenant(tenant),
                (at == null ? now : at).truncatedTo(ChronoUnit.MILLIS));
        ReportResult result = replayer.run(report, request);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().cacheControl(CacheControl.noStore());
        if (!html) {
            return ok.contentType(MediaType.APPLICATION_JSON).body(result);
        }
        return ok.contentType(HTML)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .body(ReportHtml.render(result, json.valueToTree(result.data())));
    }

}
