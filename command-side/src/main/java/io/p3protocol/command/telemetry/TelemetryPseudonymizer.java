package io.p3protocol.command.telemetry;

import io.p3protocol.kernel.crypto.HmacSha256;
import io.p3protocol.kernel.vault.SecretValues;
import org.springframework.stereotype.Component;

/**
 * Replaces a client's IP address and User-Agent with keyed hashes before anything is stored: both are
 * {@code hex(HMAC-SHA256(key = the tenant's current IP_SALT, message = UTF-8 text))}. The salt's version is the
 * hash epoch: after {@code IP_SALT} is rotated the same address hashes differently, and hashes of different epochs
 * cannot be linked without the retired salt.
 */
@Component
public class TelemetryPseudonymizer {
    public static final String SALT_NAME = "IP_SALT";

    private final SecretValues secrets;

    public TelemetryPseudonymizer(SecretValues secrets) {
        this.secrets = secrets;
    }

    /** The hashes of one request's client. The raw values are never kept, returned or logged. */
    public record Pseudonyms(String hashedIp, String uaHash, int hashEpoch) {
    }

    /**
     * @param clientIp  the canonical client address ({@link ClientAddress})
     * @param userAgent the User-Agent header; null or blank gives a null {@code uaHash}
     */
    public Pseudonyms pseudonymize(String tenantId, String clientIp, String userAgent) {
        SecretValues.CurrentSecret salt = secrets.currentOrGenerate(tenantId, SALT_NAME);
        return pseudonymize(salt, clientIp, userAgent);
    }

    static Pseudonyms pseudonymize(SecretValues.CurrentSecret salt, String clientIp, String userAgent) {
        HmacSha256 mac = new HmacSha256(salt.value());
        String uaHash = userAgent == null || userAgent.isBlank() ? null : mac.hex(userAgent);
        return new Pseudonyms(mac.hex(clientIp), uaHash, salt.version());
    }
}
