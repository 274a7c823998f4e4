package io.p3protocol.kernel.tenancy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The subscription tiers, exactly the original's {@code subscription_tiers} seed (spec F7): monthly price, the
 * monthly request quota a new key of the tenant gets unless one is named, the overage price per request, and the
 * perks ({@code features_json}). Of the perks only {@code sso} is enforced here: a tier without it may not register
 * SSO providers. A tenant that was never given a tier has none ({@code null}): see docs/enterprise.md#tiers.
 */
public enum Tier {
    FREE("Free", "0.00", 1_000L, null, perks(false, "community", null, false)),
    STARTER("Starter", "49.00", 100_000L, "0.000500", perks(false, "community", "99.5%", false)),
    PRO("Pro", "199.00", 500_000L, "0.000400", perks(true, "priority", "99.9%", false)),
    ENTERPRISE("Enterprise", "999.00", 5_000_000L, "0.000300", perks(true, "dedicated", "99.99%", true));

    private final String displayName;
    private final BigDecimal monthlyPrice;
    private final long quotaMonthly;
    private final BigDecimal overagePerUnit;
    private final Map<String, Object> features;

    Tier(String displayName, String monthlyPrice, long quotaMonthly, String overagePerUnit,
         Map<String, Object> features) {
        this.displayName = displayName;
        this.monthlyPrice = new BigDecimal(monthlyPrice);
        this.quotaMonthly = quotaMonthly;
        this.overagePerUnit = overagePerUnit == null ? null : new BigDecimal(overagePerUnit);
        this.features = features;
    }

    private static Map<String, Object> perks(boolean sso, String support, String sla, boolean customAlerts) {
        Map<String, Object> perks = new LinkedHashMap<>();
        perks.put("apiAccess", true);
        perks.put("support", support);
        if (sla != null) {
            perks.put("sla", sla);
        }
        if (sso) {
            perks.put("sso", true);
        }
        if (customAlerts) {
            perks.put("customAlerts", true);
        }
        return Collections.unmodifiableMap(perks);
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The original's name, e.g. {@code Pro}. */
    public String displayName() {
        return displayName;
    }

    public BigDecimal monthlyPrice() {
        return monthlyPrice;
    }

    /** The quota of a key issued for the tenant without one. */
    public long quotaMonthly() {
        return quotaMonthly;
    }

    /** Null for Free (no overage: it stops at its quota). */
    public BigDecimal overagePerUnit() {
        return overagePerUnit;
    }

    /** The original's {@code features_json}, in its order. */
    public Map<String, Object> features() {
        return features;
    }

    public boolean allowsSso() {
        return Boolean.TRUE.equals(features.get("sso"));
    }

    /** The tier called {@code value} (any case, surrounding blanks ignored), if there is one. */
    public static Optional<Tier> find(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.strip();
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(wanted)).findFirst();
    }

    @JsonCreator
    public static Tier fromWire(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException(
                "unknown tier '" + value + "' (known: " + knownNames() + ")"));
    }

    public static String knownNames() {
        return Arrays.stream(values()).map(Tier::wireName).collect(Collectors.joining(", "));
    }
}
