package io.p3protocol.kernel.vault;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The secrets the original's vault manages by name, each generated in the original's format when stored or
 * rotated without a value (see docs/security.md). Any other valid name is a custom secret, which has no format of
 * its own: a custom secret stored or rotated without a value gets 32 random bytes, base64url.
 */
public enum ManagedSecretKind {
    /** 64 random bytes, hex (128 characters). */
    JWT_SECRET,
    /** 32 random bytes, hex (64 characters). */
    IP_SALT,
    /** {@code turn_} and 16 random bytes, hex (37 characters). */
    TURN_USERNAME,
    /** 32 random bytes, base64 (44 characters). */
    TURN_CREDENTIAL,
    /** {@code temp_pinata_jwt_} and 16 random bytes, hex. */
    PINATA_JWT,
    /** {@code temp_web3_storage_token_} and 16 random bytes, hex. */
    WEB3_STORAGE_TOKEN,
    /** {@code temp_nft_storage_token_} and 16 random bytes, hex. */
    NFT_STORAGE_TOKEN;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The managed kind called exactly {@code name}, if it is one. */
    public static Optional<ManagedSecretKind> of(String name) {
        for (ManagedSecretKind kind : values()) {
            if (kind.name().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** A fresh value in this kind's format. */
    public String generate() {
        return switch (this) {
            case JWT_SECRET -> hex(64);
            case IP_SALT -> hex(32);
            case TURN_USERNAME -> "turn_" + hex(16);
            case TURN_CREDENTIAL -> Base64.getEncoder().encodeToString(random(32));
            case PINATA_JWT, WEB3_STORAGE_TOKEN, NFT_STORAGE_TOKEN ->
                    "temp_" + name().toLowerCase(Locale.ROOT) + "_" + hex(16);
        };
    }

    /** A fresh value for a secret called {@code name}: its managed format, or 32 random bytes base64url. */
    public static String generateFor(String name) {
        return of(name).map(ManagedSecretKind::generate)
                .orElseGet(() -> Base64.getUrlEncoder().withoutPadding().encodeToString(random(32)));
    }

    private static String hex(int bytes) {
        return HexFormat.of().formatHex(random(bytes));
    }

    private static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        RANDOM.nextBytes(out);
        return out;
    }
}
