package io.integrationshub.notifications;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs many concurrent deliveries' statements as one (the job engine's batched completion, for the
 * delivery hot path): an item waits up to {@code delay} for others, or until {@code max} are there,
 * then one statement handles them all and answers one result per item, in order. At hundreds of
 * deliveries a second this turns one round trip and one commit per delivery into one per batch. Each
 * caller continues on its own Vert.x context; a failed statement fails every item of its batch.
 */
final class StatementBatcher<I, O> {
    private final Vertx vertx;
    private final int max;
    private final long delayMillis;
    private final Function<List<I>, Uni<List<O>>> statement;

    private List<Waiting<I, O>> pending = new ArrayList<>();
    private long timer = -1;

    StatementBatcher(Vertx vertx, int max, Duration delay, Function<List<I>, Uni<List<O>>> statement) {
        this.vertx = vertx;
        this.max = max;
        this.delayMillis = Math.max(1, delay.toMillis());
        this.statement = statement;
    }

    Uni<O> submit(I item) {
        return Uni.createFrom().emitter(emitter -> {
            List<Waiting<I, O>> full = null;
            synchronized (this) {
                pending.add(new Waiting<>(item, emitter, io.vertx.core.Vertx.currentContext()));
                if (pending.size() >= max) {
                    full = take();
                } else if (timer < 0) {
                    timer = vertx.setTimer(delayMillis, id -> flush());
                }
            }
            if (full != null) {
                run(full);
            }
        });
    }

    private void flush() {
        List<Waiting<I, O>> batch;
        synchronized (this) {
            timer = -1;
            batch = take();
        }
        if (!batch.isEmpty()) {
            run(batch);
        }
    }

    /** Under the lock: the pending items, the timer cancelled. */
    private List<Waiting<I, O>> take() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        List<Waiting<I, O>> batch = pending;
        pending = new ArrayList<>();
        return batch;
    }

    private void run(List<Waiting<I, O>> batch) {
        List<I> items = new ArrayList<>(batch.size());
        batch.forEach(w -> items.add(w.item()));
        Uni<List<O>> results;
        try {
            results = statement.apply(items);
        } catch (RuntimeException e) {
            results = Uni.createFrom().failure(e);
        }
        results.subscribe().with(out -> {
            for (int n = 0; n < batch.size(); n++) {
                O result = n < out.size() ? out.get(n) : null;
                Waiting<I, O> w = batch.get(n);
                w.on(() -> w.emitter().complete(result));
            }
        }, failure -> batch.forEach(w -> w.on(() -> w.emitter().fail(failure))));
    }

    private record Waiting<I, O>(I item, UniEmitter<? super O> emitter, Context context) {
        void on(Runnable action) {
            if (context == null) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }
}
