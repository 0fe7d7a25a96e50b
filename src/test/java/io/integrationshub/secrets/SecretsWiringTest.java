package io.integrationshub.secrets;

import io.integrationshub.secrets.SecretCipher.Sealed;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The beans as the application wires them: startup keyset, startup run, columns found through CDI. */
@QuarkusTest
class SecretsWiringTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CONTEXT = "wiring_test.secret";

    @Inject
    SecretCipher cipher;
    @Inject
    SecretReencryptor reencryptor;
    @Inject
    WiringTestColumns registration;
    @Inject
    Pool pool;

    @Test
    void theStartupRunAskedTheRegisteredBeansAndAnExplicitRunRewritesTheirRows() {
        // The StartupEvent observer looked for columns (none yet), with the test keyset generated in memory.
        assertThat(registration.timesAsked()).isPositive();
        assertThat(cipher.primaryIsNewest()).isTrue();

        String table = "wiring_test_" + UUID.randomUUID().toString().replace("-", "");
        pool.query("create table " + table + " (id uuid primary key, secret_ciphertext bytea, secret_key_id integer)")
                .execute().await().atMost(WAIT);
        EncryptedColumn column = new EncryptedColumn(table, "id", "secret_ciphertext", "secret_key_id", CONTEXT);
        try {
            registration.register(List.of(column));
            assertThat(reencryptor.registeredColumns()).contains(column);

            // Rows whose stored key id is not the primary's (as after a rotation) get rewritten.
            Map<UUID, String> values = new HashMap<>();
            List<Tuple> rows = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                UUID id = UUID.randomUUID();
                Sealed sealed = cipher.seal("value " + i, CONTEXT, id);
                values.put(id, "value " + i);
                rows.add(Tuple.of(id, Buffer.buffer(sealed.ciphertext()), sealed.keyId() + 1));
            }
            pool.preparedQuery("insert into " + table + " values ($1, $2, $3)").executeBatch(rows).await().atMost(WAIT);

            assertThat(reencryptor.reencryptAll().await().atMost(WAIT)).isEqualTo(7);
            for (Row row : pool.query("select * from " + table).execute().await().atMost(WAIT)) {
                UUID id = row.getUUID("id");
                assertThat(row.getInteger("secret_key_id")).isEqualTo(cipher.primaryKeyId());
                assertThat(cipher.open(row.getBuffer("secret_ciphertext").getBytes(), CONTEXT, id)).isEqualTo(values.get(id));
            }
            assertThat(reencryptor.reencryptAll().await().atMost(WAIT)).isZero();
        } finally {
            registration.register(List.of());
            pool.query("drop table " + table).execute().await().atMost(WAIT);
        }
    }
}
