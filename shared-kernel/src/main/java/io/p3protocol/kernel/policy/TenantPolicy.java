package io.p3protocol.kernel.policy;

import io.p3protocol.kernel.errors.InvalidInput;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant's enterprise policy. {@code sandbox}, {@code sandboxChain}, {@code allowedFeatures}, {@code rateLimitRpm}
 * and {@code exportAllowed} are enforced today; {@code maxSessions}, {@code dataRegion} and {@code retentionDays}
 * are stored and shown for the controls that will read them (docs/enterprise.md).
 *
 * @param sandbox         true: the tenant may only act on testnets
 * @param sandboxChain    the testnet the tenant's sandbox uses ({@code sepolia} when sandboxed and none was named)
 * @param rateLimitRpm    requests per minute
 * @param maxSessions     concurrent lane sessions
 * @param allowedFeatures the features the tenant's keys may use; empty means the default: every feature
 * @param dataRegion      where the tenant's data must stay, or null when unconstrained
 * @param retentionDays   how long the tenant's data is kept, or null when unconstrained
 * @param exportAllowed   whether the tenant's keys may use the audit export
 */
public record TenantPolicy(boolean sandbox, String sandboxChain, int rateLimitRpm, int maxSessions,
                           List<Feature> allowedFeatures, String dataRegion, Integer retentionDays,
                           boolean exportAllowed) {
    public static final int DEFAULT_RATE_LIMIT_RPM = 1000;
    public static final int DEFAULT_MAX_SESSIONS = 100;
    public static final int MAX_RATE_LIMIT_RPM = 1_000_000;
    public static final int MAX_SESSIONS_LIMIT = 1_000_000;
    public static final int MAX_RETENTION_DAYS = 36_500;
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    /** The policy of a tenant that never had one set. */
    public static final TenantPolicy DEFAULT = new TenantPolicy(false, null, DEFAULT_RATE_LIMIT_RPM,
            DEFAULT_MAX_SESSIONS, List.of(), null, null, true);

    public TenantPolicy {
        allowedFeatures = allowedFeatures == null ? List.of()
                : List.copyOf(allowedFeatures.isEmpty() ? List.of() : EnumSet.copyOf(allowedFeatures));
    }

    /** The chain a sandboxed tenant is pointed at (its own, else {@code sepolia}). */
    public String effectiveSandboxChain() {
        return sandboxChain == null ? Chains.DEFAULT_SANDBOX_CHAIN : sandboxChain;
    }

    /** Whether the tenant's keys may use {@code feature}: an empty set means every feature (the default). */
    public boolean allows(Feature feature) {
        return allowedFeatures.isEmpty() || allowedFeatures.contains(feature);
    }

    /**
     * Builds a policy from request values, with the defaults for every value left out (null), checking each value;
     * every unusable one is named in one {@link InvalidInput} (400).
     */
    public static TenantPolicy of(Boolean sandbox, String sandboxChain, Integer rateLimitRpm, Integer maxSessions,
                                  Collection<String> allowedFeatures, String dataRegion, Integer retentionDays,
                                  Boolean exportAllowed) {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        boolean sandboxed = Boolean.TRUE.equals(sandbox);
        String chain = Chains.normalize(sandboxChain);
        if (sandboxChain != null && !Chains.isTestnet(chain)) {
            errors.add(new InvalidInput.FieldError("sandboxChain", "unknown sandbox chain '" + sandboxChain
                    + "'; a sandbox runs on one of " + String.join(", ", Chains.TESTNETS)));
        }
        if (chain == null && sandboxed) {
            chain = Chains.DEFAULT_SANDBOX_CHAIN;
        }
        int rpm = rateLimitRpm == null ? DEFAULT_RATE_LIMIT_RPM : rateLimitRpm;
        if (rpm < 1 || rpm > MAX_RATE_LIMIT_RPM) {
            errors.add(new InvalidInput.FieldError("rateLimitRpm", "must be between 1 and " + MAX_RATE_LIMIT_RPM));
        }
        int sessions = maxSessions == null ? DEFAULT_MAX_SESSIONS : maxSessions;
        if (sessions < 1 || sessions > MAX_SESSIONS_LIMIT) {
            errors.add(new InvalidInput.FieldError("maxSessions", "must be between 1 and " + MAX_SESSIONS_LIMIT));
        }
        List<Feature> features = new ArrayList<>();
        for (String name : allowedFeatures == null ? List.<String>of() : allowedFeatures) {
            Optional<Feature> feature = Feature.find(name);
            if (feature.isPresent()) {
                features.add(feature.get());
            } else {
                errors.add(new InvalidInput.FieldError("allowedFeatures", "unknown feature '" + name
                        + "'; known: " + Feature.knownNames()));
            }
        }
        String region = dataRegion == null ? null : dataRegion.strip().toLowerCase(java.util.Locale.ROOT);
        if (region != null && !REGION.matcher(region).matches()) {
            errors.add(new InvalidInput.FieldError("dataRegion",
                    "must be 1 to 32 letters, digits or dashes, e.g. eu-west-1"));
        }
        if (retentionDays != null && (retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS)) {
            errors.add(new InvalidInput.FieldError("retentionDays", "must be between 1 and " + MAX_RETENTION_DAYS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new TenantPolicy(sandboxed, chain, rpm, sessions, features, region, retentionDays,
                exportAllowed == null || exportAllowed);
    }

    /** The names of the values that differ from {@code previous}, in declaration order. */
    public List<String> changedFrom(TenantPolicy previous) {
        Map<String, Boolean> changed = new LinkedHashMap<>();
        changed.put("sandbox", sandbox != previous.sandbox);
        changed.put("sandboxChain", !Objects.equals(sandboxChain, previous.sandboxChain));
        changed.put("rateLimitRpm", rateLimitRpm != previous.rateLimitRpm);
        changed.put("maxSessions", maxSessions != previous.maxSessions);
        changed.put("allowedFeatures", !allowedFeatures.equals(previous.allowedFeatures));
        changed.put("dataRegion", !Objects.equals(dataRegion, previous.dataRegion));
        changed.put("retentionDays", !Objects.equals(retentionDays, previous.retentionDays));
        changed.put("exportAllowed", exportAllowed != previous.exportAllowed);
        return changed.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }
}
