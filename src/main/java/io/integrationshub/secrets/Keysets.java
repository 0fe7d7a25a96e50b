package io.integrationshub.secrets;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AeadKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading, writing and editing cleartext Tink JSON keysets, shared by SecretCipher and KeysetTool.
 * Error messages name files, settings and key ids, never key material: Tink's own exceptions are not
 * chained because a parser message may quote the input.
 */
final class Keysets {
    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Keysets() {
    }

    /** A fresh keyset with one AES256_GCM key (Tink output prefix, so ciphertexts carry the key id). */
    static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an AES256_GCM keyset: " + e.getClass().getSimpleName());
        }
    }

    static KeysetHandle parse(String json, String source) {
        KeysetHandle handle;
        try {
            handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException(source + " is not a valid cleartext Tink JSON keyset ("
                    + e.getClass().getSimpleName() + ")");
        }
        return validate(handle, source);
    }

    static KeysetHandle read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read keyset file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        return parse(json, "keyset file " + file);
    }

    static String serialize(KeysetHandle handle) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialise keyset: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Writes through a temporary file readable by the owner only, then renames it into place, so a
     * crash never leaves a truncated keyset. Without {@code replace} an existing file is never overwritten.
     */
    static void write(KeysetHandle handle, Path file, boolean replace) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(dir, ".keyset-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".keyset-", ".tmp");
        try {
            Files.writeString(tmp, serialize(handle) + "\n", StandardCharsets.UTF_8);
            if (replace) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(tmp, target);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Appends a new enabled AES256_GCM key with a random id; the primary stays as it is. */
    static KeysetHandle addKey(KeysetHandle handle) throws GeneralSecurityException {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
        builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                .withRandomId().setStatus(KeyStatus.ENABLED));
        return builder.build();
    }

    static KeysetHandle promote(KeysetHandle handle, int keyId) throws GeneralSecurityException {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
        KeysetHandle.Builder.Entry entry = builder.getAt(indexOf(handle, keyId));
        if (entry.getStatus() != KeyStatus.ENABLED) {
            throw new IllegalArgumentException("key " + Integer.toUnsignedString(keyId) + " is not enabled");
        }
        entry.makePrimary();
        return builder.build();
    }

    static KeysetHandle setStatus(KeysetHandle handle, int keyId, KeyStatus status) throws GeneralSecurityException {
        int index = indexOf(handle, keyId);
        if (handle.getAt(index).isPrimary() && status != KeyStatus.ENABLED) {
            throw new IllegalArgumentException("key " + Integer.toUnsignedString(keyId) + " is the primary: promote another key first");
        }
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
        builder.getAt(index).setStatus(status);
        return builder.build();
    }

    static KeysetHandle delete(KeysetHandle handle, int keyId) throws GeneralSecurityException {
        int index = indexOf(handle, keyId);
        if (handle.getAt(index).isPrimary()) {
            throw new IllegalArgumentException("key " + Integer.toUnsignedString(keyId) + " is the primary: promote another key first");
        }
        return KeysetHandle.newBuilder(handle).deleteAt(index).build();
    }

    static final String DESCRIBE_HEADER = String.format("%-10s  %-11s  %-8s  %-7s  %s", "key id", "as stored",
            "status", "primary", "parameters");

    /**
     * One line per key: Tink's (unsigned) id, the signed value key id columns hold, status, primary
     * marker and parameters (which hold no key material).
     */
    static List<String> describe(KeysetHandle handle) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry entry = handle.getAt(i);
            lines.add(String.format("%-10s  %-11d  %-8s  %-7s  %s", Integer.toUnsignedString(entry.getId()),
                    entry.getId(), entry.getStatus(), entry.isPrimary() ? "primary" : "-", entry.getKey().getParameters()));
        }
        return lines;
    }

    /** Key ids are printed unsigned (as Tink does); the int stored in key id columns is the same 32 bits. */
    static int parseKeyId(String text) {
        try {
            return Integer.parseUnsignedInt(text.trim());
        } catch (NumberFormatException e) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException again) {
                throw new IllegalArgumentException("not a key id: " + text);
            }
        }
    }

    static int indexOf(KeysetHandle handle, int keyId) {
        for (int i = 0; i < handle.size(); i++) {
            if (handle.getAt(i).getId() == keyId) {
                return i;
            }
        }
        throw new IllegalArgumentException("no key with id " + Integer.toUnsignedString(keyId) + " in the keyset");
    }

    /** Only AEAD keys whose ciphertexts carry the 5-byte key id prefix: SecretCipher.keyIdOf relies on it. */
    private static KeysetHandle validate(KeysetHandle handle, String source) {
        if (handle.size() == 0) {
            throw new IllegalStateException(source + " holds no keys");
        }
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry entry = handle.getAt(i);
            if (!(entry.getKey() instanceof AeadKey) || !entry.getKey().getParameters().hasIdRequirement()) {
                throw new IllegalStateException(source + ": key " + Integer.toUnsignedString(entry.getId())
                        + " is not an AEAD key with the TINK output prefix");
            }
        }
        try {
            handle.getPrimary();
        } catch (RuntimeException e) {
            throw new IllegalStateException(source + " has no primary key");
        }
        return handle;
    }
}
