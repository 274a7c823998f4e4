package io.p3protocol.command.sso;

import io.p3protocol.kernel.crypto.Sha256;
import io.p3protocol.kernel.sso.SsoRejectionReason;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The id_token checks that the mock provider cannot produce: a token signed by a key outside the issuer's JWKS
 * (under the issuer's own key id, and under an unknown one), and an unsigned token. The flow tests cover the rest.
 */
class IdTokenValidatorTest {
    private static final String ISSUER = "https://idp.example";
    private static final String CLIENT = "p3-client";
    private static final String NONCE = "nonce-1";

    private RsaJsonWebKey issuerKey;
    private JwksVerificationKeyResolver jwks;

    @BeforeEach
    void setUp() throws Exception {
        issuerKey = RsaJwkGenerator.generateJwk(2048);
        issuerKey.setKeyId("issuer-key");
        jwks = new JwksVerificationKeyResolver(new JsonWebKeySet(issuerKey).getJsonWebKeys());
    }

    private static String sign(RsaJsonWebKey key, String keyId) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(CLIENT);
        claims.setSubject("alice");
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setIssuedAtToNow();
        claims.setClaim("nonce", NONCE);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private SsoRejectionReason refusalOf(String token) {
        try {
            IdTokenValidator.validate(token, ISSUER, CLIENT, jwks, Sha256.hex(NONCE));
        } catch (SsoLoginFailure failure) {
            return failure.reason();
        }
        throw new AssertionError("the token was accepted");
    }

    @Test
    void aTokenSignedByTheIssuersKeyIsAccepted() throws Exception {
        JwtClaims claims = IdTokenValidator.validate(sign(issuerKey, "issuer-key"), ISSUER, CLIENT, jwks,
                Sha256.hex(NONCE));
        assertThat(claims.getSubject()).isEqualTo("alice");
    }

    @Test
    void aForeignKeyUnderTheIssuersKeyIdIsABadSignature() throws Exception {
        RsaJsonWebKey forger = RsaJwkGenerator.generateJwk(2048);
        assertThat(refusalOf(sign(forger, "issuer-key"))).isEqualTo(SsoRejectionReason.SIGNATURE_INVALID);
    }

    @Test
    void aForeignKeyUnderAnUnknownKeyIdIsABadSignature() throws Exception {
        RsaJsonWebKey forger = RsaJwkGenerator.generateJwk(2048);
        assertThat(refusalOf(sign(forger, "forged-key"))).isEqualTo(SsoRejectionReason.SIGNATURE_INVALID);
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        String signed = sign(issuerKey, "issuer-key");
        String[] parts = signed.split("\\.");
        String noneHeader = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(refusalOf(noneHeader + "." + parts[1] + ".")).isNotNull();
    }

    @Test
    void aMissingIdTokenIsInvalid() {
        assertThatThrownBy(() -> IdTokenValidator.validate(null, ISSUER, CLIENT, jwks, Sha256.hex(NONCE)))
                .isInstanceOf(SsoLoginFailure.class)
                .extracting(e -> ((SsoLoginFailure) e).reason()).isEqualTo(SsoRejectionReason.TOKEN_INVALID);
    }
}
