package io.p3protocol.query.reports;


import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.query.web.QueryParameters;
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
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

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
    @Operation(summary = "Run a report as of an instant: JSON, an HTML page with Accept: text/html, or the main"
            + " table as CSV with Accept: text/csv")
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
        MediaType format = negotiate(accept);
        ReportRequest request = new ReportRequest(caller.scopeTenant(tenant),
                (at == null ? now : at).truncatedTo(ChronoUnit.MILLIS));
        ReportResult result = replayer.run(report, request);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().cacheControl(CacheControl.noStore());
        if (format == MediaType.APPLICATION_JSON) {
            return ok.contentType(MediaType.APPLICATION_JSON).body(result);
        }
        if (format == CSV) {
            // CSV has no place for the envelope: the range statement travels in headers (and in the JSON/HTML bodies)
            ReportRange range = result.range();
            return ok.contentType(CSV)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Disposition", "attachment; filename=\"" + report.name() + ".csv\"")
                    .header("X-Report-As-Of", String.valueOf(result.asOf()))
                    .header("X-Report-Event-Range", ReportRangeText.range(range))
                    .header("X-Report-Checkpoint", ReportRangeText.checkpoint(range.checkpoint()))
                    .header("X-Report-Checkpoint-Anchor", ReportRangeText.anchor(range.checkpoint()))
                    .header("X-Report-Covering-Checkpoint", ReportRangeText.checkpoint(range.coveringCheckpoint()))
                    .header("X-Report-Covering-Anchor", ReportRangeText.anchor(range.coveringCheckpoint()))
                    .body(ReportCsv.render(json.valueToTree(result.data())));
        }
        return ok.contentType(HTML)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .body(ReportHtml.render(result, json.valueToTree(result.data())));
    }


    /**
     * JSON (also for no Accept header or a wildcard), HTML or CSV, by the client's preference order; anything else is
     * 406 naming the three.
     */
    private static MediaType negotiate(String accept) throws HttpMediaTypeNotAcceptableException {
        if (accept == null || accept.isBlank()) {
            return MediaType.APPLICATION_JSON;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept).stream()
                    .sorted(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed()).toList();
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotAcceptableException("unreadable Accept header");
        }
        for (MediaType type : accepted) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            for (MediaType offered : List.of(MediaType.APPLICATION_JSON, HTML, CSV)) {
                if (type.isCompatibleWith(offered)) {
                    return offered;
                }
            }
        }
        throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, CSV));
    }
}
