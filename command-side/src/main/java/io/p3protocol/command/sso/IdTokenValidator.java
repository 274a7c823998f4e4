package io.p3protocol.command.sso;

import io.p3protocol.kernel.crypto.Sha256;
import io.p3protocol.kernel.sso.SsoRejectionReason;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * Validates an id_token (OpenID Connect Core 3.1.3.7): an asymmetric JWS signature by a key of the issuer's JWKS,
 * {@code iss} equal to the issuer, {@code aud} containing the client id, {@code exp} in the future (30 s skew),
 * a {@code sub}, and {@code nonce} equal to the one sent with the authorization request (compared as SHA-256).
 */
public final class IdTokenValidator {
    static final int CLOCK_SKEW_SECONDS = 30;

    private IdTokenValidator() {
    }

    public static JwtClaims validate(String idToken, String issuer, String clientId, VerificationKeyResolver keys,
                                     String expectedNonceHash) {
        if (idToken == null || idToken.isBlank()) {
            throw new SsoLoginFailure(SsoRejectionReason.TOKEN_INVALID, "the token response has no id_token");
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(clientId)
                .setVerificationKeyResolver(keys)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                        AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA256)
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(idToken);
        } catch (InvalidJwtException e) {
            throw new SsoLoginFailure(reasonOf(e), describe(e));
        }
        String nonce;
        try {
            nonce = claims.getStringClaimValue("nonce");
        } catch (MalformedClaimException e) {
            throw new SsoLoginFailure(SsoRejectionReason.NONCE_MISMATCH, "the id_token's nonce is not a string");
        }
        if (nonce == null || !MessageDigest.isEqual(Sha256.hex(nonce).getBytes(StandardCharsets.US_ASCII),
                expectedNonceHash.getBytes(StandardCharsets.US_ASCII))) {
            throw new SsoLoginFailure(SsoRejectionReason.NONCE_MISMATCH,
                    "the id_token's nonce is not the one sent with this login");
        }
        return claims;
    }

    private static SsoRejectionReason reasonOf(InvalidJwtException e) {
        if (e.hasExpired()) {
            return SsoRejectionReason.TOKEN_EXPIRED;
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return SsoRejectionReason.AUDIENCE_MISMATCH;
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return SsoRejectionReason.ISSUER_MISMATCH;
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)
                || isUnresolvableKey(e)) {
            return SsoRejectionReason.SIGNATURE_INVALID;
        }
        return SsoRejectionReason.TOKEN_INVALID;
    }

    /** jose4j reports a key id absent from the JWKS as a generic error whose cause is an UnresolvableKeyException. */
    private static boolean isUnresolvableKey(InvalidJwtException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.jose4j.lang.UnresolvableKeyException) {
                return true;
            }
        }
        return false;
    }

    /** jose4j's messages quote the whole token; keep only the error codes' descriptions. */
    private static String describe(InvalidJwtException e) {
        return e.getErrorDetails().stream().map(d -> d.getErrorMessage().replaceAll("JWT\\(claims->.*?\\)", "JWT"))
                .reduce((a, b) -> a + "; " + b).orElse("invalid id_token");
    }
}
