package io.p3protocol.kernel.sso;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Why a login was refused; {@link #code()} is the problem code the callback (OIDC) or the ACS (SAML) answers with.
 * The {@code STATE_*} reasons are OIDC's; SAML's single-use check answers with the {@code IN_RESPONSE_TO_*} and
 * {@code REQUEST_EXPIRED} ones.
 */
public enum SsoRejectionReason {
    STATE_UNKNOWN, STATE_REPLAYED, STATE_EXPIRED, PROVIDER_INACTIVE, CODE_EXCHANGE_FAILED, SIGNATURE_INVALID,
    ISSUER_MISMATCH, AUDIENCE_MISMATCH, TOKEN_EXPIRED, NONCE_MISMATCH, TOKEN_INVALID, PROVIDER_ERROR,
    // SAML 2.0
    IN_RESPONSE_TO_UNKNOWN, IN_RESPONSE_TO_REPLAYED, REQUEST_EXPIRED, SIGNATURE_MISSING, RECIPIENT_MISMATCH,
    DESTINATION_MISMATCH, ASSERTION_EXPIRED, ASSERTION_NOT_YET_VALID, SAML_RESPONSE_INVALID;

    @JsonValue
    public String code() {
        return "sso_" + name().toLowerCase(Locale.ROOT);
    }
}
