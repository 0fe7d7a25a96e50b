package io.integrationshub.integrations;

import io.integrationshub.secrets.EncryptedColumn;
import io.integrationshub.secrets.EncryptedColumns;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Integration credentials are re-sealed under the primary key after a keyset rotation. */
@ApplicationScoped
public class IntegrationEncryptedColumns implements EncryptedColumns {
    @Override
    public List<EncryptedColumn> encryptedColumns() {
        return List.of(new EncryptedColumn("integrations", "id", "credentials_ciphertext", "credentials_key_id",
                Integration.CREDENTIALS_CONTEXT));
    }
}
