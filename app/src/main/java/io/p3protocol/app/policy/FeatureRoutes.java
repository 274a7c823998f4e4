package io.p3protocol.app.policy;

import io.p3protocol.kernel.policy.Feature;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which REST routes belong to which {@link Feature}: a path belongs to a feature when it is one of the feature's
 * prefixes or lies below one (whole path segments: {@code /api/vaults} is not {@code /api/vault}). Routes of no
 * feature (tenants, keys, audit, reports, GraphQL…) are never gated. ANCHORING and SSO name the original's paths
 * ({@code /api/anchor/batch}, {@code /api/enterprise/sso}) for when those routes land.
 */
final class FeatureRoutes {
    private static final Map<Feature, List<String>> PREFIXES = Map.of(
            Feature.VAULT, List.of("/api/vault"),
            Feature.TELEMETRY, List.of("/api/telemetry"),
            Feature.IDENTITY, List.of("/api/identity"),
            Feature.RULES, List.of("/api/rules", "/api/ledger"),
            Feature.PAYMENTS, List.of("/api/payments"),
            Feature.ANCHORING, List.of("/api/anchor", "/api/anchoring"),
            Feature.SSO, List.of("/api/enterprise/sso"));

    private FeatureRoutes() {
    }

    static Optional<Feature> featureOf(String path) {
        for (Map.Entry<Feature, List<String>> entry : PREFIXES.entrySet()) {
            for (String prefix : entry.getValue()) {
                if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                    return Optional.of(entry.getKey());
                }
            }
        }
        return Optional.empty();
    }
}
