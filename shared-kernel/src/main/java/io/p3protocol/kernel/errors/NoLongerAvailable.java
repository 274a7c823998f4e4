package io.p3protocol.kernel.errors;

/**
 * The thing named existed but is gone for good (a retired secret version, a destroyed secret). The REST surface
 * answers 410 with {@link #code()}.
 */
public class NoLongerAvailable extends RuntimeException {
    private final String code;

    public NoLongerAvailable(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
