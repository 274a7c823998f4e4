package io.p3protocol.kernel.rules;

import io.p3protocol.kernel.messaging.TenantScoped;

import java.util.List;

/** The tenant's webhook allow-list is now exactly {@code hosts} (see SetWebhookAllowListCommand). */
public record WebhookAllowListSetEvent(String allowListId, String tenantId, List<String> hosts)
        implements TenantScoped {
}
