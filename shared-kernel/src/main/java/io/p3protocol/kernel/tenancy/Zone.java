package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.errors.InvalidInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a tenant is placed: a cloud provider and one of its regions. The original accepted any provider of 1..16
 * characters and any region of 1..32 (spec F7); here both must be known, so a typo cannot place a tenant nowhere and
 * a policy's {@code dataRegion} has a real region to agree with. The known set is {@link #REGIONS} (also in
 * docs/enterprise.md#zones). Values are stored in lower case.
 */
public record Zone(String provider, String region) {
    /** Provider → its regions, in the order the docs list them. */
    public static final Map<String, List<String>> REGIONS = regions();

    private static Map<String, List<String>> regions() {
        Map<String, List<String>> regions = new LinkedHashMap<>();
        regions.put("aws", List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
                "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-southeast-1",
                "ap-southeast-2", "ap-northeast-1"));
        regions.put("gcp", List.of("us-central1", "us-east1", "us-west1", "northamerica-northeast1",
                "southamerica-east1", "europe-west1", "europe-west2", "europe-west3", "europe-west4",
                "europe-north1", "asia-south1", "asia-southeast1", "asia-northeast1", "australia-southeast1"));
        regions.put("azure", List.of("eastus", "eastus2", "westus2", "canadacentral", "brazilsouth", "northeurope",
                "westeurope", "uksouth", "germanywestcentral", "swedencentral", "centralindia", "southeastasia",
                "japaneast", "australiaeast"));
        return java.util.Collections.unmodifiableMap(regions);
    }

    /** A zone from request values (any case, blanks stripped); every unusable value is named in one 400. */
    public static Zone of(String provider, String region) {
        String p = provider == null ? null : provider.strip().toLowerCase(Locale.ROOT);
        String r = region == null ? null : region.strip().toLowerCase(Locale.ROOT);
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (p == null || p.isEmpty()) {
            errors.add(new InvalidInput.FieldError("provider", "required; one of " + String.join(", ", REGIONS.keySet())));
        } else if (!REGIONS.containsKey(p)) {
            errors.add(new InvalidInput.FieldError("provider", "unknown provider '" + provider + "'; one of "
                    + String.join(", ", REGIONS.keySet())));
        }
        if (r == null || r.isEmpty()) {
            errors.add(new InvalidInput.FieldError("region", "required"));
        } else if (p != null && REGIONS.containsKey(p) && !REGIONS.get(p).contains(r)) {
            errors.add(new InvalidInput.FieldError("region", "unknown " + p + " region '" + region + "'; one of "
                    + String.join(", ", REGIONS.get(p))));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Zone(p, r);
    }
}
