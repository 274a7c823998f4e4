package io.p3protocol.kernel.errors;

/**
 * The command names something that does not exist for the caller. A resource of another tenant is reported the
 * same way, so a tenant cannot probe for other tenants' ids. The REST surface answers 404.
 */
public class UnknownAggregate extends RuntimeException {
    private final String code;

    public UnknownAggregate(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
