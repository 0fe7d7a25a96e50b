package io.integrationshub.common;

import io.vertx.mutiny.core.Vertx;

import java.time.Duration;

/**
 * A Vert.x periodic timer that a bean starts with the application and cancels at shutdown; stopping one that
 * never started (a disabled scheduler) does nothing.
 */
public final class PeriodicTimer {
    private final Vertx vertx;
    private volatile long id = -1;

    public PeriodicTimer(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs {@code tick} every {@code every} on a Vert.x event loop, the first time one interval from now. */
    public void start(Duration every, Runnable tick) {
        start(every, every, tick);
    }

    /** Runs {@code tick} on a Vert.x event loop {@code first} from now, then every {@code every}. */
    public void start(Duration first, Duration every, Runnable tick) {
        id = vertx.setPeriodic(first.toMillis(), every.toMillis(), ignored -> tick.run());
    }

    public void stop() {
        long started = id;
        if (started >= 0) {
            vertx.cancelTimer(started);
            id = -1;
        }
    }
}
