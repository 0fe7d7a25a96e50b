package io.integrationshub.hardening;

import io.integrationshub.common.error.Failures;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14 finding 7: the pool's "Timeout" waiting for a connection is the database being unavailable (503), not a 500. */
class FailuresTest {

    @Test
    void poolWaitTimeoutIsDatabaseUnavailable() {
        // What vertx-sql-client's SqlConnectionPool fails a waiter with when no connection frees up in time.
        Throwable poolTimeout = Future.failedFuture("Timeout").cause();
        assertThat(Failures.isDatabaseUnavailable(poolTimeout)).isTrue();
        assertThat(Failures.isDatabaseUnavailable(new CompletionException(poolTimeout))).isTrue();
        assertThat(Failures.isDatabaseUnavailable(Future.failedFuture("something else").cause())).isFalse();
        assertThat(Failures.isDatabaseUnavailable(new IllegalStateException("Timeout"))).isFalse();
    }
}
