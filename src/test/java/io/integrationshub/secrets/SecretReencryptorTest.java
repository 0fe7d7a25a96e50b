package io.integrationshub.secrets;

import com.google.crypto.tink.KeysetHandle;
import io.integrationshub.secrets.SecretCipher.Sealed;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SecretReencryptor against the real PostgreSQL named by HUB_DB_* (the test database by default), on a
 * table of its own created and dropped by each test.
 */
class SecretReencryptorTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN_CONTEXT = "reencrypt_test.token";
    private static final String SETTINGS_CONTEXT = "reencrypt_test.settings";

    private static Vertx vertx;
    private static Pool pool;
    private static Pool otherInstancePool;

    private String table;
    private EncryptedColumn tokens;
    private EncryptedColumn settings;
    private KeysetHandle keysetB;
    private SecretCipher cipherA;
    private SecretCipher cipherB;
    private int keyA;
    private int keyB;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        pool = pool(4);
        otherInstancePool = pool(4);
    }

    @AfterAll
    static void disconnect() {
        pool.closeAndAwait();
        otherInstancePool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void createTableAndRotateKeys() throws Exception {
        table = "reencrypt_test_" + UUID.randomUUID().toString().replace("-", "");
        sql("create table " + table + " (id uuid primary key, token_ciphertext bytea, token_key_id integer, "
                + "settings_ciphertext bytea, settings_key_id integer)");
        tokens = new EncryptedColumn(table, "id", "token_ciphertext", "token_key_id", TOKEN_CONTEXT);
        settings = new EncryptedColumn(table, "id", "settings_ciphertext", "settings_key_id", SETTINGS_CONTEXT);

        // Rotation as KeysetTool does it: key A, add key B, promote B.
        KeysetHandle keysetA = Keysets.generate();
        cipherA = new SecretCipher(keysetA);
        keyA = cipherA.primaryKeyId();
        KeysetHandle added = Keysets.addKey(keysetA);
        keyB = added.getAt(1).getId();
        keysetB = Keysets.promote(added, keyB);
        cipherB = new SecretCipher(keysetB);
    }

    @AfterEach
    void dropTable() {
        sql("drop table if exists " + table);
    }

    @Test
    void rewritesEveryRowSealedUnderTheOldKeyAndThenNothing() throws Exception {
        Map<UUID, String> tokenValues = insertTokens(cipherA, 450);
        Map<UUID, Map<String, String>> settingsValues = new HashMap<>();
        int withSettings = 0;
        for (UUID id : tokenValues.keySet()) {
            if (withSettings++ % 3 == 0) {
                Map<String, String> values = Map.of("signing_secret", "whsec_" + id, "url", "https://example.test/" + id);
                Sealed sealed = cipherA.sealJson(values, SETTINGS_CONTEXT, id);
                pool.preparedQuery("update " + table + " set settings_ciphertext = $1, settings_key_id = $2 where id = $3")
                        .execute(Tuple.of(Buffer.buffer(sealed.ciphertext()), sealed.keyId(), id)).await().atMost(WAIT);
                settingsValues.put(id, values);
            }
        }
        UUID empty = UUID.randomUUID();
        pool.preparedQuery("insert into " + table + " (id) values ($1)").execute(Tuple.of(empty)).await().atMost(WAIT);
        assertThat(keyIds("token")).containsOnly(keyA);

        SecretReencryptor reencryptor = reencryptor(pool, cipherB, 200);
        long rewritten = reencryptor.reencryptAll().await().atMost(WAIT);

        assertThat(rewritten).isEqualTo(450 + settingsValues.size());
        assertThat(keyIds("token")).containsOnly(keyB);
        assertThat(keyIds("settings")).containsOnly(keyB);
        // Only key B is needed now: the old key could be retired.
        SecretCipher onlyB = new SecretCipher(Keysets.delete(keysetB, keyA));
        for (Row row : rows()) {
            UUID id = row.getUUID("id");
            if (id.equals(empty)) {
                assertThat(row.getBuffer("token_ciphertext")).isNull();
                assertThat(row.getInteger("token_key_id")).isNull();
                continue;
            }
            byte[] token = row.getBuffer("token_ciphertext").getBytes();
            assertThat(SecretCipher.keyIdOf(token)).isEqualTo(keyB);
            assertThat(onlyB.open(token, TOKEN_CONTEXT, id)).isEqualTo(tokenValues.get(id));
            if (settingsValues.containsKey(id)) {
                assertThat(onlyB.openJson(row.getBuffer("settings_ciphertext").getBytes(), SETTINGS_CONTEXT, id))
                        .isEqualTo(settingsValues.get(id));
            } else {
                assertThat(row.getBuffer("settings_ciphertext")).isNull();
            }
        }

        assertThat(reencryptor.reencryptAll().await().atMost(WAIT)).isZero();
    }

    @Test
    void concurrentInstancesRewriteEachRowExactlyOnce() throws Exception {
        Map<UUID, String> values = insertTokens(cipherA, 1000);
        SecretReencryptor first = reencryptor(pool, cipherB, 50);
        SecretReencryptor second = reencryptor(otherInstancePool, new SecretCipher(keysetB), 50);

        var counts = Uni.combine().all().unis(first.reencrypt(tokens), second.reencrypt(tokens)).asTuple()
                .await().atMost(WAIT);

        assertThat(counts.getItem1() + counts.getItem2()).isEqualTo(1000);
        assertThat(keyIds("token")).containsOnly(keyB);
        for (Row row : rows()) {
            UUID id = row.getUUID("id");
            assertThat(cipherB.open(row.getBuffer("token_ciphertext").getBytes(), TOKEN_CONTEXT, id)).isEqualTo(values.get(id));
        }
        assertThat(first.reencryptAll().await().atMost(WAIT)).isZero();
    }

    @Test
    void aFailedBatchLeavesItsRowsUntouched() throws Exception {
        insertTokens(cipherA, 30);
        List<UUID> ids = idsInOrder();
        UUID poisoned = ids.get(14);
        sql("create function " + table + "_refuse() returns trigger language plpgsql as $$ begin "
                + "if new.id = '" + poisoned + "' then raise exception 'refused by test'; end if; return new; end $$");
        sql("create trigger refuse before update on " + table + " for each row execute function " + table + "_refuse()");
        try {
            assertThatThrownBy(() -> reencryptor(pool, cipherB, 10).reencrypt(tokens).await().atMost(WAIT))
                    .hasMessageContaining("refused by test");

            // The first batch of 10 committed; the batch holding the refused row was rolled back whole.
            Map<UUID, Integer> keyIdById = new HashMap<>();
            rows().forEach(row -> keyIdById.put(row.getUUID("id"), row.getInteger("token_key_id")));
            for (int i = 0; i < ids.size(); i++) {
                assertThat(keyIdById.get(ids.get(i))).as("row %d", i).isEqualTo(i < 10 ? keyB : keyA);
            }
        } finally {
            sql("drop trigger refuse on " + table);
            sql("drop function " + table + "_refuse()");
        }
    }

    @Test
    void rowsThatCannotBeOpenedAreCountedAndPassedOver() throws Exception {
        Map<UUID, String> values = insertTokens(cipherA, 20);
        // A ciphertext copied from another row, and one sealed with a key this keyset does not hold.
        UUID copied = UUID.randomUUID();
        UUID foreign = UUID.randomUUID();
        byte[] otherRows = cipherA.seal("x", TOKEN_CONTEXT, values.keySet().iterator().next()).ciphertext();
        Sealed unknownKey = new SecretCipher(Keysets.generate()).seal("y", TOKEN_CONTEXT, foreign);
        pool.preparedQuery("insert into " + table + " (id, token_ciphertext, token_key_id) values ($1, $2, $3)")
                .executeBatch(List.of(Tuple.of(copied, Buffer.buffer(otherRows), keyA),
                        Tuple.of(foreign, Buffer.buffer(unknownKey.ciphertext()), unknownKey.keyId())))
                .await().atMost(WAIT);

        SecretReencryptor reencryptor = reencryptor(pool, cipherB, 5);

        assertThat(reencryptor.reencrypt(tokens).await().atMost(WAIT)).isEqualTo(20);
        assertThat(reencryptor.reencrypt(tokens).await().atMost(WAIT)).isZero();
        Map<UUID, Integer> keyIdById = new HashMap<>();
        rows().forEach(row -> keyIdById.put(row.getUUID("id"), row.getInteger("token_key_id")));
        assertThat(keyIdById.get(copied)).isEqualTo(keyA);
        assertThat(keyIdById.get(foreign)).isEqualTo(unknownKey.keyId());
        assertThat(keyIdById.values()).filteredOn(k -> k == keyB).hasSize(20);
    }

    @Test
    void columnNamesMustBePlainIdentifiers() {
        assertThatThrownBy(() -> new EncryptedColumn("t; drop table x", "id", "c", "k", "ctx"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EncryptedColumn("t", "id", "C", "k", "ctx")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EncryptedColumn("t", "id", "c", "k", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new EncryptedColumn("public.integrations", "id", "credentials_ciphertext", "credentials_key_id",
                "integrations.credentials").label()).isEqualTo("public.integrations.credentials_ciphertext");
    }

    private SecretReencryptor reencryptor(Pool on, SecretCipher cipher, int batchSize) {
        return new SecretReencryptor(on, cipher, batchSize, false, List.of(() -> List.of(tokens, settings)));
    }

    private Map<UUID, String> insertTokens(SecretCipher cipher, int count) {
        Map<UUID, String> values = new HashMap<>();
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            String token = "ghp_" + i + "_" + UUID.randomUUID();
            Sealed sealed = cipher.seal(token, TOKEN_CONTEXT, id);
            values.put(id, token);
            rows.add(Tuple.of(id, Buffer.buffer(sealed.ciphertext()), sealed.keyId()));
        }
        pool.preparedQuery("insert into " + table + " (id, token_ciphertext, token_key_id) values ($1, $2, $3)")
                .executeBatch(rows).await().atMost(WAIT);
        return values;
    }

    private List<Integer> keyIds(String column) {
        List<Integer> ids = new ArrayList<>();
        pool.query("select " + column + "_key_id from " + table + " where " + column + "_ciphertext is not null")
                .execute().await().atMost(WAIT).forEach(row -> ids.add(row.getInteger(0)));
        return ids;
    }

    private List<UUID> idsInOrder() {
        List<UUID> ids = new ArrayList<>();
        pool.query("select id from " + table + " order by id").execute().await().atMost(WAIT)
                .forEach(row -> ids.add(row.getUUID("id")));
        return ids;
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        pool.query("select * from " + table).execute().await().atMost(WAIT).forEach(rows::add);
        return rows;
    }

    private static void sql(String statement) {
        pool.query(statement).execute().await().atMost(WAIT);
    }

    private static Pool pool(int size) {
        PgConnectOptions options = new PgConnectOptions()
                .setHost(env("HUB_DB_HOST", "127.0.0.1"))
                .setPort(Integer.parseInt(env("HUB_DB_PORT", "5432")))
                .setDatabase(env("HUB_DB_NAME", "hub_test"))
                .setUser(env("HUB_DB_USER", "hub"))
                .setPassword(env("HUB_DB_PASSWORD", "hub"));
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(options).using(vertx).build();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
