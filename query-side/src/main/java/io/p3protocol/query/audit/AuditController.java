package io.p3protocol.query.audit;


import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.query.web.TwoWayNegotiation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The audit trail: the hash-chained export of every sealed event, and its verifier. Both need the {@code admin}
 * role; a tenant key only ever sees its own tenant's chain, the platform-admin key sees all (or one, with
 * {@code tenantId}). A tenant whose policy has {@code exportAllowed = false} may not export (403
 * {@code export_not_allowed}).
 */
@RestController
@Tag(name = "Audit", description = "Hash-chained event export and its verification")
public class AuditController {
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final AuditExporter exporter;
    private final AuditVerifier verifier;
    private final ExportPermission exportPermission;
    private final SealedChainCheck sealedChain;

    public AuditController(AuditExporter exporter, AuditVerifier verifier, ExportPermission exportPermission,
                           SealedChainCheck sealedChain) {
        this.sealedChain = sealedChain;
        this.exporter = exporter;
        this.verifier = verifier;
        this.exportPermission = exportPermission;
    }

    @GetMapping("/api/audit/events")
    @Operation(summary = "Stream the sealed audit records in chain order: NDJSON by default, CSV with Accept: text/csv")
    public ResponseEntity<StreamingResponseBody> events(
            @Parameter(hidden = true) Caller caller,
            @Parameter(description = "Only this tenant's chain (platform admin; a tenant key may only name its own)")
            @RequestParam(required = false) String tenantId,
            @Parameter(description = "Start at the first record sealed with seq ≥ fromSeq")
            @RequestParam(required = false) String fromSeq,
            @Parameter(description = "ISO-8601 instant: start at the first record stamped at or after it")
            @RequestParam(required = false) String from,
            @Parameter(description = "ISO-8601 instant: end at the last record stamped at or before it")
            @RequestParam(required = false) String to,
            @Parameter(description = "Comma-separated event names, e.g. TenantCreatedEvent,ApiKeyIssuedEvent")
            @RequestParam(required = false) String types,
            @RequestHeader(value = "Accept", required = false) String accept)
            throws HttpMediaTypeNotAcceptableException {
        caller.requireRole(Role.ADMIN);
        exportPermission.require(caller);
        AuditExportFilter filter = AuditExportFilter.parse(tenantId, fromSeq, from, to, types);
        filter = filter.withTenant(caller.scopeTenant(filter.tenantId()));
        boolean csv = TwoWayNegotiation.prefersAlternative(accept, CSV, NDJSON, MediaType.APPLICATION_JSON);
        AuditExportFilter selected = filter;
        StreamingResponseBody body = out -> {
            try {
                exporter.export(selected, csv ? AuditRecordWriter.csv(out) : AuditRecordWriter.ndjson(out));
            } catch (UncheckedIOException clientGone) {
                throw clientGone.getCause();
            }
        };
        return ResponseEntity.ok()
                .contentType(csv ? CSV : NDJSON)
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }

    @PostMapping(path = "/api/audit/verify", consumes = {"application/x-ndjson", "application/jsonl",
            MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(summary = "Verify an NDJSON export (streamed, any size): recompute every hash and check the chains,"
            + " compare every record with the sealed chain and the export with the checkpoints' roots and anchors")
    public AuditVerifier.Result verify(
            @Parameter(hidden = true) Caller caller,
            @Parameter(description = "false for an export filtered by types: check each record's hash only")
            @RequestParam(defaultValue = "true") boolean checkLinks,
            HttpServletRequest request) throws IOException {
        caller.requireRole(Role.ADMIN);
        return verifier.verify(request.getInputStream(), checkLinks,
                sealedChain.start(caller.platformAdmin() ? null : caller.tenantId()));
    }

}
