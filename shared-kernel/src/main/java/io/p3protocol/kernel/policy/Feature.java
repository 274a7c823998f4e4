package io.p3protocol.kernel.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The product features a tenant policy can allow ({@code allowedFeatures}). The one list of feature names: policy
 * validation, the route gate and the docs all read it. Which routes belong to which feature is decided by the HTTP
 * layer ({@code io.p3protocol.app.policy.FeatureRoutes}).
 */
public enum Feature {
    VAULT, TELEMETRY, IDENTITY, RULES, PAYMENTS, ANCHORING, SSO;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The feature called {@code value} (any case, surrounding blanks ignored), if there is one. */
    public static Optional<Feature> find(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.strip();
        return Arrays.stream(values()).filter(f -> f.wireName().equalsIgnoreCase(wanted)).findFirst();
    }

    @JsonCreator
    public static Feature fromWire(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException(
                "unknown feature '" + value + "' (known: " + knownNames() + ")"));
    }

    /** The known names, comma-separated, for error messages. */
    public static String knownNames() {
        return Arrays.stream(values()).map(Feature::wireName).collect(Collectors.joining(", "));
    }
}
