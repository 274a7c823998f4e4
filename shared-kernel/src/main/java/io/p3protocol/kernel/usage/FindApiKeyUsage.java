package io.p3protocol.kernel.usage;

/**
 * A key's usage in the current UTC month, answered with an {@link ApiKeyUsage} (or {@code null} when the key does
 * not exist or belongs to another tenant than {@code onlyTenantId}).
 *
 * @param onlyTenantId a tenant key's own tenant; null for the platform admin
 */
public record FindApiKeyUsage(String keyId, String onlyTenantId) {
}
