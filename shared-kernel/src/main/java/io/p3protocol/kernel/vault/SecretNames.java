package io.p3protocol.kernel.vault;

import java.util.regex.Pattern;

/**
 * Secret names and the aggregate id {@code <tenantId>/<name>}: one Secret aggregate per tenant and name, so two
 * tenants' secrets of the same name are different aggregates and a tenant can only ever address its own.
 */
public final class SecretNames {
    /** Letters, digits, {@code _ . -}, starting with a letter or digit, at most 128 characters. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,127}";
    private static final Pattern VALID = Pattern.compile(PATTERN);
    /** Upper bound of a secret value, in characters. */
    public static final int MAX_VALUE_LENGTH = 8192;

    private SecretNames() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    public static String secretId(String tenantId, String name) {
        return tenantId + "/" + name;
    }
}
