package io.p3protocol.kernel.errors;

/**
 * A command that is well-formed but not allowed in the aggregate's current state (revoking a revoked key,
 * suspending a suspended tenant). The REST surface answers 409 with {@link #code()}.
 */
public class DomainRuleViolation extends RuntimeException {
    private final String code;

    public DomainRuleViolation(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
