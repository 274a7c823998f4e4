package io.p3protocol.kernel.sso;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why a login was refused; {@link #code()} is the problem code the callback answers with. */
public enum SsoRejectionReason {
    STATE_UNKNOWN, STATE_REPLAYED, STATE_EXPIRED, PROVIDER_INACTIVE, CODE_EXCHANGE_FAILED, SIGNATURE_INVALID,
    ISSUER_MISMATCH, AUDIENCE_MISMATCH, TOKEN_EXPIRED, NONCE_MISMATCH, TOKEN_INVALID, PROVIDER_ERROR;

    @JsonValue
    public String code() {
        return "sso_" + name().toLowerCase(Locale.ROOT);
    }
}
