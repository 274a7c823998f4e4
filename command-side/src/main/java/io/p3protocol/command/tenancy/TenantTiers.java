package io.p3protocol.command.tenancy;

import io.p3protocol.kernel.tenancy.Tier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The tier in force for a tenant, read from {@code tenant_tier} (written in the transaction of the tier change, so
 * consistent on every node). One primary-key read; nothing cached.
 */
@Component
public class TenantTiers {
    private final JdbcTemplate jdbc;

    public TenantTiers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant's tier, or empty when it has none. */
    public Optional<Tier> of(String tenantId) {
        List<String> found = jdbc.queryForList("SELECT tier FROM tenant_tier WHERE tenant_id = ?", String.class,
                tenantId);
        return found.isEmpty() ? Optional.empty() : Tier.find(found.get(0));
    }
}
