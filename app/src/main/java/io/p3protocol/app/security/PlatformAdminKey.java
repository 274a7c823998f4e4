package io.p3protocol.app.security;

import io.p3protocol.kernel.crypto.ApiKeyMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The platform-admin credential. It comes from {@code P3_ADMIN_KEY} when set; otherwise it is generated once, at
 * first start, into {@code P3_DATA_DIR/admin.key} (mode 0600) and read from there afterwards. Only its SHA-256 is
 * kept in memory; the key itself is never logged, only the file's path.
 */
@Component
public class PlatformAdminKey {
    private static final Logger log = LoggerFactory.getLogger(PlatformAdminKey.class);

    private final byte[] keyHash;

    public PlatformAdminKey(@Value("${p3.admin-key:}") String configuredKey, @Value("${p3.data-dir}") Path dataDir) {
        String key = configuredKey.isBlank() ? loadOrGenerate(dataDir.toAbsolutePath().resolve("admin.key")) : configuredKey.trim();
        this.keyHash = HexFormat.of().parseHex(ApiKeyMaterial.hash(key));
    }

    /** Constant-time comparison of a presented key's hash with the admin key's hash. */
    public boolean matchesHash(String presentedKeyHashHex) {
        return MessageDigest.isEqual(keyHash, HexFormat.of().parseHex(presentedKeyHashHex));
    }

    private static String loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                log.info("Platform-admin key read from {}", file);
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            String key = ApiKeyMaterial.generate();
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            log.warn("No P3_ADMIN_KEY set: generated a platform-admin key into {} (mode 0600). Read it from there.", file);
            return key;
        } catch (FileAlreadyExistsException raced) {
            return loadOrGenerate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the platform-admin key file " + file, e);
        }
    }
}
