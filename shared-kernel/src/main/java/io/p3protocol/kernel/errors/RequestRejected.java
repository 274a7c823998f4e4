package io.p3protocol.kernel.errors;

/**
 * A request refused for what it carries rather than its shape (an SSO callback with a forged or replayed state, an
 * id_token that fails validation). The REST surface answers 400 with {@link #code()}.
 */
public class RequestRejected extends RuntimeException {
    private final String code;

    public RequestRejected(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
