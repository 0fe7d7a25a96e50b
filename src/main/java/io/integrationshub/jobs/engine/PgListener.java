package io.integrationshub.jobs.engine;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgChannel;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * One dedicated connection LISTENing on a channel, reconnecting forever. Notifications are hints:
 * whoever uses them also polls, so a notification lost while reconnecting only costs latency.
 */
public final class PgListener {
    private static final Logger LOG = Logger.getLogger(PgListener.class);
    private static final long RECONNECT_MILLIS = 1000;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final String channel;
    private final Consumer<String> onNotification;
    private final Runnable onSubscribed;
    private volatile PgSubscriber subscriber;
    private volatile boolean closed;

    PgListener(Vertx vertx, PgConnectOptions options, String channel, Consumer<String> onNotification,
            Runnable onSubscribed) {
        this.vertx = vertx;
        this.options = options;
        this.channel = channel;
        this.onNotification = onNotification;
        this.onSubscribed = onSubscribed;
    }

    void start() {
        if (closed) {
            return;
        }
        PgSubscriber created = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> closed ? -1L : RECONNECT_MILLIS);
        PgChannel pgChannel = created.channel(channel);
        // Called on every (re)subscription: anything notified while disconnected is caught up by the caller.
        pgChannel.subscribeHandler(onSubscribed);
        pgChannel.handler(payload -> onNotification.accept(payload));
        subscriber = created;
        created.connect().subscribe().with(
                ok -> LOG.debugf("listening on %s", channel),
                failure -> {
                    LOG.warnf("cannot LISTEN on %s (%s); retrying in %d ms", channel, failure.toString(), RECONNECT_MILLIS);
                    created.closeAndForget();
                    if (!closed) {
                        vertx.setTimer(RECONNECT_MILLIS, id -> start());
                    }
                });
    }

    void close() {
        closed = true;
        PgSubscriber current = subscriber;
        if (current != null && !current.closed()) {
            current.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    /** Where the application's datasource points, for connections of its own (LISTEN, the job store's pool). */
    public static PgConnectOptions connectOptions(Config config) {
        String url = config.getOptionalValue("quarkus.datasource.reactive.url", String.class)
                .orElseThrow(() -> new IllegalStateException("quarkus.datasource.reactive.url is not configured"));
        return connectOptions(url, config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
    }

    static PgConnectOptions connectOptions(String url, String user, String password) {
        String first = url.split(",")[0].trim();
        if (first.startsWith("vertx-reactive:")) {
            first = first.substring("vertx-reactive:".length());
        }
        PgConnectOptions options = PgConnectOptions.fromUri(first);
        if (user != null && !user.isBlank()) {
            options.setUser(user);
        }
        if (password != null) {
            options.setPassword(password);
        }
        return options;
    }
}
