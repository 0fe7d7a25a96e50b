package io.integrationshub.idempotency;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The hourly purge forgets records past the 24 h retention and keeps the others. */
@QuarkusTest
public class IdempotencyPurgeTest {
    @Inject
    Idempotency idempotency;
    @Inject
    Pool pool;
    @Inject
    Vertx vertx;

    @Test
    void purgeForgetsOnlyExpiredRecords() throws Throwable {
        String principal = "user:purge-" + UUID.randomUUID();
        UUID expired = insert(principal, "old", 25 * 60);
        UUID kept = insert(principal, "new", 23 * 60);

        VertxContextSupport.subscribeAndAwait(() -> idempotency.purgeExpired());

        assertThat(exists(expired)).isFalse();
        assertThat(exists(kept)).isTrue();
    }

    /** The service runs the purge from a Vert.x timer, outside any request's context: it must work there too. */
    @Test
    void purgeWorksFromAnEventLoopTimer() {
        String principal = "user:purge-timer-" + UUID.randomUUID();
        UUID expired = insert(principal, "old", 25 * 60);

        CompletableFuture<Void> purged = new CompletableFuture<>();
        vertx.setTimer(1, id -> idempotency.purgeExpired().subscribe().with(purged::complete, purged::completeExceptionally));

        assertThat(purged).succeedsWithin(Duration.ofSeconds(10));
        assertThat(exists(expired)).isFalse();
    }

    private UUID insert(String principal, String key, int minutesAgo) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("insert into idempotency_records (id, principal, idempotency_key, method, path, request_hash, "
                        + "response_status, created_at) values ($1, $2, $3, 'POST', '/v1/groups', $4, 201, $5)")
                .execute(Tuple.of(id, principal, key, new byte[] {1}, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(minutesAgo)))
                .await().indefinitely();
        return id;
    }

    private boolean exists(UUID id) {
        return pool.preparedQuery("select 1 from idempotency_records where id = $1").execute(Tuple.of(id))
                .await().indefinitely().size() == 1;
    }
}
