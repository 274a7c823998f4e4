package io.p3protocol.kernel.usage;

import java.time.YearMonth;

/**
 * A key's usage in one UTC month, answered with an {@link ApiKeyUsage} (or {@code null} when the key does not exist
 * or belongs to another tenant than {@code onlyTenantId}).
 *
 * @param onlyTenantId a tenant key's own tenant; null for the platform admin
 * @param month        the UTC month, or null for the current one (the database's clock, like the metering)
 */
public record FindApiKeyUsage(String keyId, String onlyTenantId, YearMonth month) {

    /** The current month. */
    public FindApiKeyUsage(String keyId, String onlyTenantId) {
        this(keyId, onlyTenantId, null);
    }
}
