package io.p3protocol.command.vault.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the master passphrase comes from: {@code P3_MASTER_KEY} when set; otherwise a random one generated once
 * into {@code P3_DATA_DIR/master.key} (mode 0600), with a warning, and read from there afterwards, so secrets
 * survive restarts. Only the file's path is ever logged. The passphrase is not the master key: the key is derived
 * from it with PBKDF2 (see {@link MasterKeys}).
 */
@Component
public class MasterKeySource {
    private static final Logger log = LoggerFactory.getLogger(MasterKeySource.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String FILE_NAME = "master.key";

    private final Path file;
    private final boolean configured;
    private volatile char[] passphrase;

    public MasterKeySource(@Value("${p3.master-key:}") String configuredPassphrase,
                           @Value("${p3.data-dir}") Path dataDir) {
        this.file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        this.configured = !configuredPassphrase.isBlank();
        this.passphrase = configured ? configuredPassphrase.strip().toCharArray() : loadOrGenerate(file);
    }

    /** The current passphrase (a copy). */
    public char[] passphrase() {
        return passphrase.clone();
    }

    /** True when the passphrase is {@code P3_MASTER_KEY}; false when it lives in the generated file. */
    public boolean configured() {
        return configured;
    }

    public Path file() {
        return file;
    }

    /** A fresh random passphrase: 32 random bytes, base64url. */
    public static char[] generatePassphrase() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    /**
     * After a master-key rotation in file mode: the file is replaced atomically (a new 0600 file moved over the
     * old), so a crash leaves either the old or the new passphrase, never half of one.
     */
    public synchronized void replaceFilePassphrase(char[] newPassphrase) {
        if (configured) {
            throw new IllegalStateException("P3_MASTER_KEY is set: the operator replaces it, not the service");
        }
        Path next = file.resolveSibling(FILE_NAME + ".next");
        try {
            Files.deleteIfExists(next);
            Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(next, new String(newPassphrase) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the master key file " + file, e);
        }
        passphrase = newPassphrase.clone();
        log.warn("Master key rotated: the new master passphrase was written to {} (mode 0600)", file);
    }

    private static char[] loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                log.info("Master passphrase read from {}", file);
                return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
            }
            Files.createDirectories(file.getParent());
            char[] generated = generatePassphrase();
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, new String(generated) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
            log.warn("No P3_MASTER_KEY set: generated a master passphrase into {} (mode 0600). Back it up: without it "
                    + "no vault secret can be decrypted. Every node sharing this database needs the same one.", file);
            return generated;
        } catch (FileAlreadyExistsException raced) {
            return loadOrGenerate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }
}
