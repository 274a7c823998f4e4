package io.p3protocol.kernel.errors;

/** The caller is authenticated but may not do this. Surfaces answer 403 with {@link #code()}. */
public class AccessDenied extends RuntimeException {
    private final String code;

    public AccessDenied(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
