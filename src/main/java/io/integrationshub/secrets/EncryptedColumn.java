package io.integrationshub.secrets;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A column holding SecretCipher ciphertexts, next to the column holding their key id, so that
 * SecretReencryptor can find and rewrite rows sealed under an old key. {@code idColumn} must be a
 * {@code uuid} (the row id bound into the associated data), {@code ciphertextColumn} a {@code bytea},
 * {@code keyIdColumn} an {@code integer} holding {@link SecretCipher.Sealed#keyId()}, and
 * {@code context} the one passed to seal/open for this column.
 */
public record EncryptedColumn(String table, String idColumn, String ciphertextColumn, String keyIdColumn,
        String context) {
    // The names are put into SQL as they are: accept plain (optionally schema-qualified) identifiers only.
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern TABLE = Pattern.compile("([a-z_][a-z0-9_]{0,62}\\.)?[a-z_][a-z0-9_]{0,62}");

    public EncryptedColumn {
        requireMatch(TABLE, table, "table");
        requireMatch(IDENTIFIER, idColumn, "idColumn");
        requireMatch(IDENTIFIER, ciphertextColumn, "ciphertextColumn");
        requireMatch(IDENTIFIER, keyIdColumn, "keyIdColumn");
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException("context must not be blank");
        }
    }

    /** e.g. "integrations.credentials_ciphertext", for logs. */
    public String label() {
        return table + "." + ciphertextColumn;
    }

    private static void requireMatch(Pattern pattern, String value, String name) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be a lower-case SQL identifier, got " + Objects.toString(value));
        }
    }
}
