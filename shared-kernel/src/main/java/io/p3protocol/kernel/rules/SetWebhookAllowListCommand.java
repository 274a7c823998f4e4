package io.p3protocol.kernel.rules;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Replace the tenant's webhook allow-list: the hosts (normalised names or IP literals) that webhook actions may
 * reach even though they resolve to loopback, private or link-local addresses. An empty list allows none.
 */
public record SetWebhookAllowListCommand(@TargetAggregateIdentifier String allowListId, String tenantId,
                                         List<String> hosts) implements TenantScoped {
    public static SetWebhookAllowListCommand of(String tenantId, List<String> hosts) {
        return new SetWebhookAllowListCommand(allowListId(tenantId), tenantId, List.copyOf(hosts));
    }

    /** One allow-list aggregate per tenant: {@code <tenantId>/webhook-allowlist}. */
    public static String allowListId(String tenantId) {
        return tenantId + "/webhook-allowlist";
    }
}
