package io.p3protocol.command.vault;

import io.p3protocol.kernel.crypto.Aad;
import io.p3protocol.kernel.crypto.AesGcm;
import io.p3protocol.kernel.errors.NoLongerAvailable;

import javax.crypto.SecretKey;

/**
 * Seals and opens secret values. Every version of a secret gets its own random AES-256 key, kept in the
 * {@link VersionKeyStore}; the value is sealed with AES-256-GCM, bound (AAD) to tenant, name and version, so a
 * ciphertext copied onto another secret or version does not open. Retiring a version or destroying a secret erases
 * keys, which is what makes retirement and destruction final (crypto-shredding).
 */
public class SecretKeyring {
    static final String VALUE_PURPOSE = "p3-vault/secret-value/v1";

    private final VersionKeyStore keys;

    public SecretKeyring(VersionKeyStore keys) {
        this.keys = keys;
    }

    /** A new key for {@code version}, stored, and {@code plaintext} sealed with it. */
    public byte[] sealNewVersion(String tenantId, String name, int version, byte[] plaintext) {
        SecretKey key = AesGcm.newKey();
        keys.put(tenantId, name, version, key);
        return AesGcm.seal(key, plaintext, aad(tenantId, name, version));
    }

    /** The plaintext of a sealed version; 410 {@code secret_key_erased} once its key is gone. */
    public byte[] open(String tenantId, String name, int version, byte[] sealed) {
        SecretKey key = keys.find(tenantId, name, version).orElseThrow(() -> new NoLongerAvailable(
                "secret_key_erased", "the key of version " + version + " of secret " + name + " has been erased"));
        return AesGcm.open(key, sealed, aad(tenantId, name, version));
    }

    public void eraseVersion(String tenantId, String name, int version) {
        keys.erase(tenantId, name, version);
    }

    public void eraseAll(String tenantId, String name) {
        keys.eraseAll(tenantId, name);
    }

    static byte[] aad(String tenantId, String name, int version) {
        return Aad.of(VALUE_PURPOSE, tenantId, name, Integer.toString(version));
    }
}
