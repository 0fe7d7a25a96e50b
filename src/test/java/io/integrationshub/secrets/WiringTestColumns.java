package io.integrationshub.secrets;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A feature's registration as features write it, for SecretsWiringTest: empty until the test has
 * created its table, and counting how often the reencryptor asked.
 */
@ApplicationScoped
public class WiringTestColumns implements EncryptedColumns {
    // Reached through the client proxy: methods only, its fields are not the bean's.
    private final AtomicInteger asked = new AtomicInteger();
    private volatile List<EncryptedColumn> columns = List.of();

    @Override
    public List<EncryptedColumn> encryptedColumns() {
        asked.incrementAndGet();
        return columns;
    }

    public int timesAsked() {
        return asked.get();
    }

    public void register(List<EncryptedColumn> registered) {
        columns = List.copyOf(registered);
    }
}
