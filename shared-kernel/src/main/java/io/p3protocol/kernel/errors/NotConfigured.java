package io.p3protocol.kernel.errors;

/**
 * A feature that needs operator configuration which this deployment does not have (anchoring without a chain RPC
 * URL, key and contract). The REST surface answers 503 with {@link #code()}; nothing is recorded.
 */
public class NotConfigured extends RuntimeException {
    private final String code;

    public NotConfigured(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
