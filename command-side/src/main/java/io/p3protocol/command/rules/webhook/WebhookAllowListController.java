package io.p3protocol.command.rules.webhook;

import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.rules.SetWebhookAllowListCommand;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The tenant's webhook allow-list (docs/rules.md#ssrf-guard-and-allow-list). Setting it needs a tenant {@code admin}
 * key: it opens the tenant's rules onto internal networks. Reading it needs {@code operator} (rule writers need to
 * know why a target is refused).
 */
@RestController
@Tag(name = "Rules", description = "Automation rules evaluated against every domain event of the tenant")
public class WebhookAllowListController {
    private final CommandGateway commands;
    private final WebhookAllowLists allowLists;

    public WebhookAllowListController(CommandGateway commands, WebhookAllowLists allowLists) {
        this.commands = commands;
        this.allowLists = allowLists;
    }

    public record AllowListRequest(List<String> hosts) {
    }

    public record AllowListResponse(List<String> hosts) {
    }

    @PutMapping("/api/rules/webhook-allowlist")
    @Operation(summary = "Replace the hosts webhook actions may reach although they resolve to loopback, private or "
            + "link-local addresses (exact host names or IP literals; at most 100). Tenant admin only.")
    public AllowListResponse put(@Parameter(hidden = true) Caller caller, @RequestBody AllowListRequest request) {
        String tenantId = tenantOf(caller, Role.ADMIN);
        List<String> hosts = AllowedHosts.parse(request == null ? null : request.hosts());
        commands.sendAndWait(SetWebhookAllowListCommand.of(tenantId, hosts));
        return new AllowListResponse(hosts);
    }

    @GetMapping("/api/rules/webhook-allowlist")
    @Operation(summary = "The tenant's webhook allow-list.")
    public AllowListResponse get(@Parameter(hidden = true) Caller caller) {
        return new AllowListResponse(allowLists.hostsOf(tenantOf(caller, Role.OPERATOR)));
    }

    private static String tenantOf(Caller caller, Role role) {
        if (caller.tenantId() == null) {
            throw new AccessDenied("tenant_key_required", "the webhook allow-list belongs to a tenant: use a tenant key");
        }
        caller.requireRole(role);
        return caller.tenantId();
    }
}
