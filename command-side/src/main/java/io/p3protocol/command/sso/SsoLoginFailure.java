package io.p3protocol.command.sso;

import io.p3protocol.kernel.sso.SsoRejectionReason;

/** A login step failed for {@code reason}; the flow records it and answers 400 with the reason's code. */
public class SsoLoginFailure extends RuntimeException {
    private final SsoRejectionReason reason;

    public SsoLoginFailure(SsoRejectionReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public SsoRejectionReason reason() {
        return reason;
    }
}
