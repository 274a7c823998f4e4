package io.p3protocol.kernel.apikeys;

public final class ApiKeyDefaults {
    /** Monthly request quota of a key issued without one. */
    public static final long QUOTA_MONTHLY = 100_000L;

    private ApiKeyDefaults() {
    }
}
