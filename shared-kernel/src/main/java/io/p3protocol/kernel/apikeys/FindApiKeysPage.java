package io.p3protocol.kernel.apikeys;

/**
 * One page of API keys in issue order, answered with an {@link ApiKeyPage}.
 *
 * @param onlyTenantId  limits the page to this tenant's keys; null lists the keys of every tenant
 * @param afterPosition list only keys after this list position; null starts at the beginning
 * @param limit         at most this many keys
 */
public record FindApiKeysPage(String onlyTenantId, Long afterPosition, int limit) {
}
