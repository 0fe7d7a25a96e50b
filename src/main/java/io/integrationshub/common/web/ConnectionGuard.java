package io.integrationshub.common.web;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.lang.reflect.Field;
import java.time.Duration;

/**
 * Puts {@link EdgeConnection} on every HTTP connection, below the router: what the HTTP codec refuses (request line
 * over quarkus.http.limits.max-initial-line-length: 414, headers over max-header-size: 431, bad characters or
 * percent-encoding in the target: 400, malformed or repeated Content-Length: 400) is answered with a problem body
 * instead of Vert.x' bare default; a client that does not finish a request head in time (slowloris) is
 * disconnected; one client address holds a bounded number of connections.
 * <p>
 * Quarkus offers no hook on its HttpServer (neither {@code invalidRequestHandler} nor a per-connection one), so
 * the hook goes on the listening Netty channel of each server Vert.x shares: on each accepted connection it adds
 * the handler, which then places itself before Vert.x' own connection handler. h2c (HTTP/2 over plain text,
 * which would configure the pipeline only after the first bytes) is turned off; HTTP/2 over TLS is unaffected.
 */
@ApplicationScoped
public class ConnectionGuard implements HttpServerOptionsCustomizer {
    static final String ACCEPT_HOOK = "hub-accept";
    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class);
    private final Vertx vertx;
    private final EdgeConnection.Limits limits;

    public ConnectionGuard(Vertx vertx,
            @ConfigProperty(name = "hub.http.header-timeout") Duration headerTimeout,
            @ConfigProperty(name = "hub.http.max-connections-per-client") int perClient) {
        this.vertx = vertx;
        this.limits = new EdgeConnection.Limits(headerTimeout.toMillis(), perClient);
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }

    void started(@Observes HttpServerStart start) {
        install(0);
    }

    void startup(@Observes StartupEvent start) {
        install(0);
    }

    /** Hooks every bound HTTP server not hooked yet; the servers may still be binding at startup, so it looks again. */
    private synchronized void install(int attempt) {
        int hooked = 0;
        for (TCPServerBase server : ((VertxInternal) vertx).sharedHttpServers().values()) {
            Channel listening = listeningChannel(server);
            if (listening != null) {
                if (listening.pipeline().get(ACCEPT_HOOK) == null) {
                    listening.pipeline().addFirst(ACCEPT_HOOK, new AcceptHook(limits));
                }
                hooked++;
            }
        }
        if (hooked == 0 && attempt < 100) {
            vertx.setTimer(100, id -> install(attempt + 1));
        } else if (hooked == 0) {
            LOG.error("HTTP connection guard not installed: no bound HTTP server found");
        }
    }

    int connectionsOf(String address) {
        return limits.connectionsOf(address);
    }

    @SuppressWarnings("unchecked")
    private static Channel listeningChannel(TCPServerBase server) {
        try {
            Field bind = TCPServerBase.class.getDeclaredField("bindFuture");
            bind.setAccessible(true);
            Future<Channel> bound = (Future<Channel>) bind.get(server);
            return bound == null || !bound.succeeded() ? null : bound.result();
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.errorf("HTTP connection guard not installed (%s): HTTP-level errors stay bare", e.getClass().getSimpleName());
            return null;
        }
    }

    /** On the listening channel: each accepted connection gets an {@link EdgeConnection.Placer} first in its pipeline. */
    @ChannelHandler.Sharable
    static final class AcceptHook extends ChannelInboundHandlerAdapter {
        private final EdgeConnection.Limits limits;

        AcceptHook(EdgeConnection.Limits limits) {
            this.limits = limits;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel accepted) {
                accepted.pipeline().addLast(new EdgeConnection.Placer(limits));
            }
            ctx.fireChannelRead(msg);
        }
    }
}
