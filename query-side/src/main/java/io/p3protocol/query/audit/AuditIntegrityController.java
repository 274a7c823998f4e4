package io.p3protocol.query.audit;

import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit/integrity}: the platform admin checks the whole trail; a tenant key with the {@code admin}
 * role checks its own tenant's chain (and the checkpoint root, which covers its events too), never another tenant's
 * events, and gets no global gap list.
 */
@RestController
@Tag(name = "Audit")
public class AuditIntegrityController {
    private final AuditIntegrity integrity;

    public AuditIntegrityController(AuditIntegrity integrity) {
        this.integrity = integrity;
    }

    @GetMapping("/api/audit/integrity")
    @Operation(summary = "Recompute the sealed chain, the latest checkpoint root and the global-sequence gaps")
    public AuditIntegrity.Report integrity(@Parameter(hidden = true) Caller caller) {
        caller.requireRole(Role.ADMIN);
        return integrity.check(caller);
    }
}
