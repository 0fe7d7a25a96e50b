package io.integrationshub.notifications;

import io.integrationshub.secrets.EncryptedColumn;
import io.integrationshub.secrets.EncryptedColumns;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Notification URLs and signing secrets are re-sealed under the primary key after a keyset rotation. */
@ApplicationScoped
public class NotificationEncryptedColumns implements EncryptedColumns {
    @Override
    public List<EncryptedColumn> encryptedColumns() {
        return List.of(
                new EncryptedColumn("notification_integrations", "id", "url_ciphertext", "url_key_id",
                        NotificationIntegration.URL_CONTEXT),
                new EncryptedColumn("notification_integrations", "id", "signing_secret_ciphertext",
                        "signing_secret_key_id", NotificationIntegration.SECRET_CONTEXT),
                new EncryptedColumn("notification_integrations", "id", "previous_secret_ciphertext",
                        "previous_secret_key_id", NotificationIntegration.PREVIOUS_SECRET_CONTEXT));
    }
}
