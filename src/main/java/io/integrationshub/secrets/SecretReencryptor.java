package io.integrationshub.secrets;

import io.integrationshub.secrets.SecretCipher.Sealed;
import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rewrites, under the current primary key, every row of the registered encrypted columns whose stored
 * key id is another one: the last step of a key rotation (docs/secrets.md). Each batch is one
 * transaction that locks its rows with {@code for update skip locked}, so several instances can run
 * at once, each row is rewritten by one of them, and a failure leaves no batch half-written. Rows are
 * walked in id order, so a row that cannot be opened is counted and passed over, not retried forever.
 * Logs counts and row ids only.
 */
@ApplicationScoped
public class SecretReencryptor {
    private static final Logger LOG = Logger.getLogger(SecretReencryptor.class);
    private static final int MAX_REPORTED_FAILURES = 5;

    private final Pool pool;
    private final SecretCipher cipher;
    private final int batchSize;
    private final boolean onStart;
    private final List<EncryptedColumns> registrations;

    @Inject
    public SecretReencryptor(Pool pool, SecretCipher cipher, SecretsConfig config,
            @All List<EncryptedColumns> registrations) {
        this(pool, cipher, config.reencryptBatchSize(), config.reencryptOnStart(), registrations);
    }

    public SecretReencryptor(Pool pool, SecretCipher cipher, int batchSize, boolean onStart,
            List<EncryptedColumns> registrations) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("hub.secrets.reencrypt-batch-size must be at least 1");
        }
        this.pool = pool;
        this.cipher = cipher;
        this.batchSize = batchSize;
        this.onStart = onStart;
        this.registrations = List.copyOf(registrations);
    }

    /** Started in the background: readiness does not wait for it. */
    void onStart(@Observes StartupEvent event) {
        if (!onStart) {
            return;
        }
        if (!cipher.primaryIsNewest()) {
            LOG.infof("Secrets re-encryption skipped: primary key %s is not the newest key of the keyset "
                    + "(a rotation is being rolled out)", Integer.toUnsignedString(cipher.primaryKeyId()));
            return;
        }
        if (registeredColumns().isEmpty()) {
            return;
        }
        reencryptAll().subscribe().with(
                count -> LOG.infof("Secrets re-encryption done: %d row(s) rewritten under key %s", count,
                        Integer.toUnsignedString(cipher.primaryKeyId())),
                failure -> LOG.errorf("Secrets re-encryption failed (%s: %s); rows not yet rewritten still "
                        + "decrypt and the next start retries", failure.getClass().getSimpleName(), failure.getMessage()));
    }

    /** The columns every EncryptedColumns bean registers, asked anew on each run. */
    public List<EncryptedColumn> registeredColumns() {
        List<EncryptedColumn> columns = new ArrayList<>();
        registrations.forEach(r -> columns.addAll(r.encryptedColumns()));
        return columns;
    }

    /** Rewrites every registered column, one after the other; the number of rows rewritten. */
    public Uni<Long> reencryptAll() {
        Uni<Long> total = Uni.createFrom().item(0L);
        for (EncryptedColumn column : registeredColumns()) {
            total = total.flatMap(sum -> reencrypt(column).map(count -> sum + count));
        }
        return total;
    }

    /** Rewrites one column; the number of rows rewritten. */
    public Uni<Long> reencrypt(EncryptedColumn column) {
        Run run = new Run(column, cipher.primaryKeyId());
        return run.batch(null).map(ignored -> {
            if (run.failures > 0) {
                LOG.warnf("%d row(s) of %s could not be opened and keep their old key (ids %s%s): unknown or "
                        + "disabled key, or a ciphertext bound to another row", run.failures, column.label(),
                        run.failed, run.failures > run.failed.size() ? ", ..." : "");
            }
            if (run.rewritten > 0) {
                LOG.infof("Re-encrypted %d row(s) of %s under key %s", run.rewritten, column.label(),
                        Integer.toUnsignedString(run.primary));
            }
            return run.rewritten;
        });
    }

    /** One pass over one column: a keyset cursor on the id, one transaction per batch. */
    private final class Run {
        final EncryptedColumn column;
        final int primary;
        final String firstBatch;
        final String nextBatch;
        final String update;
        long rewritten;
        long failures;
        final List<UUID> failed = new ArrayList<>();

        Run(EncryptedColumn c, int primary) {
            this.column = c;
            this.primary = primary;
            String select = "select " + c.idColumn() + ", " + c.ciphertextColumn() + " from " + c.table()
                    + " where " + c.ciphertextColumn() + " is not null and " + c.keyIdColumn() + " is distinct from $1";
            String lockedPage = " order by " + c.idColumn() + " limit $2 for update skip locked";
            this.firstBatch = select + lockedPage;
            this.nextBatch = select + " and " + c.idColumn() + " > $3" + lockedPage;
            this.update = "update " + c.table() + " set " + c.ciphertextColumn() + " = $1, " + c.keyIdColumn()
                    + " = $2 where " + c.idColumn() + " = $3";
        }

        Uni<Void> batch(UUID after) {
            return pool.withTransaction(connection -> rewrite(connection, after)).flatMap(last ->
                    last == null ? Uni.createFrom().voidItem() : batch(last));
        }

        /** Rewrites one batch; the id to continue after, or null when this was the last batch. */
        private Uni<UUID> rewrite(SqlConnection connection, UUID after) {
            Tuple select = after == null ? Tuple.of(primary, batchSize) : Tuple.of(primary, batchSize, after);
            return connection.preparedQuery(after == null ? firstBatch : nextBatch).execute(select).flatMap(rows -> {
                List<Tuple> updates = new ArrayList<>(rows.size());
                UUID last = resealAll(rows, updates);
                Uni<RowSet<Row>> write = updates.isEmpty() ? Uni.createFrom().nullItem()
                        : connection.preparedQuery(update).executeBatch(updates);
                return write.map(ignored -> {
                    rewritten += updates.size();
                    return rows.size() < batchSize ? null : last;
                });
            });
        }

        private UUID resealAll(RowSet<Row> rows, List<Tuple> updates) {
            UUID last = null;
            for (Row row : rows) {
                UUID id = row.getUUID(column.idColumn());
                last = id;
                try {
                    Sealed sealed = cipher.reseal(row.getBuffer(column.ciphertextColumn()).getBytes(), column.context(), id);
                    updates.add(Tuple.of(Buffer.buffer(sealed.ciphertext()), sealed.keyId(), id));
                } catch (SecretDecryptionException e) {
                    failures++;
                    if (failed.size() < MAX_REPORTED_FAILURES) {
                        failed.add(id);
                    }
                }
            }
            return last;
        }
    }
}
