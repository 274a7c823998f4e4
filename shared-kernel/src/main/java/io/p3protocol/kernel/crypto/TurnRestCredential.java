package io.p3protocol.kernel.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The TURN REST API credential that coturn checks with {@code use-auth-secret}: the username is
 * {@code <unix expiry seconds>:<user>} and the password is {@code base64(HMAC-SHA1(static-auth-secret, username))},
 * the secret's bytes being the key. (The original computed a plain SHA-1 of "username:secret", which coturn refuses.)
 */
public final class TurnRestCredential {
    private TurnRestCredential() {
    }

    public static String username(long unixExpirySeconds, String user) {
        return unixExpirySeconds + ":" + user;
    }

    public static String credential(byte[] sharedSecret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(sharedSecret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }
}
