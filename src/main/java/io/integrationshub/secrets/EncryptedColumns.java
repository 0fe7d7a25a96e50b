package io.integrationshub.secrets;

import java.util.List;

/**
 * Implemented by a CDI bean of each feature that stores secrets, so that SecretReencryptor finds its
 * columns without knowing the feature:
 *
 * <pre>
 * &#64;ApplicationScoped
 * class IntegrationSecretColumns implements EncryptedColumns {
 *     public List&lt;EncryptedColumn&gt; encryptedColumns() {
 *         return List.of(new EncryptedColumn("integrations", "id", "credentials_ciphertext",
 *                 "credentials_key_id", "integrations.credentials"));
 *     }
 * }
 * </pre>
 */
public interface EncryptedColumns {
    List<EncryptedColumn> encryptedColumns();
}
