package io.integrationshub.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Encrypts secrets at rest (API.md 11) with a Tink AEAD keyset. Every ciphertext starts with Tink's
 * 5-byte prefix naming its key, so the keyset can rotate while old rows still decrypt, and the
 * associated data {@code context + ":" + rowId} binds it to one column of one row: copied elsewhere it
 * does not decrypt. Created at startup so that a missing or broken keyset stops the service at once.
 * Nothing here logs or puts into an exception message a plaintext or a key.
 */
@Startup
@ApplicationScoped
public class SecretCipher {
    private static final Logger LOG = Logger.getLogger(SecretCipher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final int PREFIX_SIZE = 5;
    private static final byte TINK_PREFIX = 0x01;
    private static final byte LEGACY_PREFIX = 0x00;

    /** A ciphertext and the id of the key that sealed it, stored side by side so rotation can find old rows. */
    public record Sealed(int keyId, byte[] ciphertext) {
        @Override
        public String toString() {
            return "Sealed[keyId=" + Integer.toUnsignedString(keyId) + ", " + ciphertext.length + " bytes]";
        }
    }

    private final KeysetHandle keyset;
    private final Aead aead;

    @Inject
    public SecretCipher(SecretsConfig config) {
        this(load(config));
    }

    /** For tools and tests that hold a keyset already. */
    public SecretCipher(KeysetHandle keyset) {
        this.keyset = Objects.requireNonNull(keyset, "keyset");
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the secrets keyset cannot be used for AEAD: " + e.getClass().getSimpleName());
        }
    }

    public Sealed seal(String plaintext, String context, UUID rowId) {
        Objects.requireNonNull(plaintext, "plaintext");
        return sealBytes(plaintext.getBytes(StandardCharsets.UTF_8), context, rowId);
    }

    /** @throws SecretDecryptionException when the key is unknown or the ciphertext belongs elsewhere */
    public String open(byte[] ciphertext, String context, UUID rowId) {
        byte[] plaintext = openBytes(ciphertext, context, rowId);
        try {
            return new String(plaintext, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Several secret fields of one row (e.g. a provider's credentials) sealed together as a JSON object. */
    public Sealed sealJson(Map<String, String> values, String context, UUID rowId) {
        Objects.requireNonNull(values, "values");
        byte[] plaintext;
        try {
            plaintext = JSON.writeValueAsBytes(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("secret values cannot be written as JSON");
        }
        try {
            return sealBytes(plaintext, context, rowId);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    public Map<String, String> openJson(byte[] ciphertext, String context, UUID rowId) {
        byte[] plaintext = openBytes(ciphertext, context, rowId);
        try {
            return JSON.readValue(plaintext, STRING_MAP);
        } catch (IOException e) {
            // Jackson's message would quote the plaintext.
            throw new SecretDecryptionException("secret for " + context + " row " + rowId
                    + " is not a JSON object of strings");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    public int primaryKeyId() {
        return keyset.getPrimary().getId();
    }

    /** The id of the key that sealed {@code ciphertext}, read from Tink's 5-byte output prefix. */
    public static int keyIdOf(byte[] ciphertext) {
        if (ciphertext == null || ciphertext.length < PREFIX_SIZE
                || (ciphertext[0] != TINK_PREFIX && ciphertext[0] != LEGACY_PREFIX)) {
            throw new IllegalArgumentException("not a Tink ciphertext with a key id prefix");
        }
        return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
    }

    /** Whether {@code keyId} is an enabled key of this keyset, i.e. whether its ciphertexts open here. */
    public boolean canOpen(int keyId) {
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            if (entry.getId() == keyId) {
                return entry.getStatus() == KeyStatus.ENABLED;
            }
        }
        return false;
    }

    /**
     * Whether the primary is the most recently added key. KeysetTool appends keys, so during a rotation
     * an instance still on the previous keyset (new key added, not yet promoted) answers false and must
     * not re-encrypt rows back under the old key.
     */
    public boolean primaryIsNewest() {
        return keyset.getAt(keyset.size() - 1).isPrimary();
    }

    /** Decrypts and seals again under the primary key, without turning the plaintext into a String. */
    Sealed reseal(byte[] ciphertext, String context, UUID rowId) {
        byte[] plaintext = openBytes(ciphertext, context, rowId);
        try {
            return sealBytes(plaintext, context, rowId);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private Sealed sealBytes(byte[] plaintext, String context, UUID rowId) {
        try {
            byte[] ciphertext = aead.encrypt(plaintext, associatedData(context, rowId));
            return new Sealed(keyIdOf(ciphertext), ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a secret for " + context + " failed: " + e.getClass().getSimpleName());
        }
    }

    private byte[] openBytes(byte[] ciphertext, String context, UUID rowId) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        byte[] associatedData = associatedData(context, rowId);
        int keyId;
        try {
            keyId = keyIdOf(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new SecretDecryptionException("secret for " + context + " row " + rowId + " is not a Tink ciphertext");
        }
        if (!canOpen(keyId)) {
            throw new SecretDecryptionException("secret for " + context + " row " + rowId + " was sealed with key "
                    + Integer.toUnsignedString(keyId) + ", which is not an enabled key of the keyset");
        }
        try {
            return aead.decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException("secret for " + context + " row " + rowId
                    + " does not authenticate: tampered, or sealed for another row or context");
        }
    }

    private static byte[] associatedData(String context, UUID rowId) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(rowId, "rowId");
        return (context + ":" + rowId).getBytes(StandardCharsets.UTF_8);
    }

    /** The keyset named by configuration; see SecretsConfig and docs/secrets.md for the precedence. */
    static KeysetHandle load(SecretsConfig config) {
        Optional<String> inline = config.keyset().filter(s -> !s.isBlank());
        Optional<String> location = config.keysetLocation().filter(s -> !s.isBlank());
        KeysetHandle handle;
        String source;
        if (inline.isPresent()) {
            source = "hub.secrets.keyset (HUB_SECRETS_KEYSET)";
            handle = Keysets.parse(inline.get(), source);
        } else if (location.isPresent() && Files.exists(Path.of(location.get()))) {
            source = "keyset file " + location.get();
            handle = Keysets.read(Path.of(location.get()));
        } else if (!config.generateIfMissing()) {
            throw new IllegalStateException(location
                    .map(l -> "The secrets keyset file " + l + " named by hub.secrets.keyset-location "
                            + "(HUB_SECRETS_KEYSET_LOCATION) does not exist. ")
                    .orElse("No secrets keyset is configured. ")
                    + "Set HUB_SECRETS_KEYSET (hub.secrets.keyset) to a cleartext Tink JSON keyset, or "
                    + "HUB_SECRETS_KEYSET_LOCATION (hub.secrets.keyset-location) to a file holding one; create one "
                    + "with io.integrationshub.secrets.KeysetTool generate <file> (docs/secrets.md).");
        } else if (location.isPresent()) {
            source = "keyset file " + location.get();
            handle = generateInto(Path.of(location.get()));
        } else {
            source = "a keyset generated in memory (secrets do not survive a restart)";
            handle = Keysets.generate();
        }
        LOG.infof("Secrets keyset loaded from %s: %d key(s), primary key id %s", source, handle.size(),
                Integer.toUnsignedString(handle.getPrimary().getId()));
        return handle;
    }

    /** Dev: generate once and keep the file, so that restarts still decrypt what was stored. */
    private static KeysetHandle generateInto(Path file) {
        KeysetHandle generated = Keysets.generate();
        try {
            Keysets.write(generated, file, false);
            LOG.infof("Generated a new secrets keyset in %s", file);
            return generated;
        } catch (FileAlreadyExistsException e) {
            return Keysets.read(file); // another process wrote it first
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the generated secrets keyset to " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
