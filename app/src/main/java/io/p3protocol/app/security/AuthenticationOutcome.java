package io.p3protocol.app.security;

import io.p3protocol.kernel.security.Caller;
import org.springframework.http.HttpStatus;

/** Either a caller, or the refusal with its HTTP status and problem {@code code}. */
public record AuthenticationOutcome(Caller caller, HttpStatus status, String code, String detail) {

    static AuthenticationOutcome accepted(Caller caller) {
        return new AuthenticationOutcome(caller, null, null, null);
    }

    static AuthenticationOutcome refused(HttpStatus status, String code, String detail) {
        return new AuthenticationOutcome(null, status, code, detail);
    }

    public boolean isAccepted() {
        return caller != null;
    }
}
