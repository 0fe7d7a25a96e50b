package io.integrationshub.common.web;

import io.integrationshub.common.error.ErrorCode;
import io.integrationshub.common.error.ProblemError;
import io.integrationshub.common.error.Problems;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jboss.logging.MDC;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP/1.1 connection, seen between the HTTP codec and Vert.x (installed by {@link ConnectionGuard}): answers
 * requests the codec could not decode with a problem body and closes; closes a connection whose request head
 * is not complete within the header timeout (from connecting, and again after each response); refuses a
 * connection beyond the per-address limit with 503.
 */
final class EdgeConnection extends ChannelDuplexHandler {
    /** The name of Vert.x' connection handler in the pipeline (io.vertx.core.http.impl.HttpServerWorker). */
    private static final String VERTX_HANDLER = "handler";
    private final Limits limits;
    private String address;
    private boolean counted;
    private boolean refusing;
    private ScheduledFuture<?> headTimer;

    EdgeConnection(Limits limits) {
        this.limits = limits;
    }

    /** Limits shared by all connections, and the count of open connections per client address. */
    static final class Limits {
        final long headerTimeoutMillis;
        final int perClient;
        final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

        Limits(long headerTimeoutMillis, int perClient) {
            this.headerTimeoutMillis = headerTimeoutMillis;
            this.perClient = perClient;
        }

        int connectionsOf(String address) {
            AtomicInteger count = open.get(address);
            return count == null ? 0 : count.get();
        }
    }

    /** First in a new connection's pipeline; once Vert.x has set the pipeline up, puts the guard before its handler. */
    static final class Placer extends ChannelInboundHandlerAdapter {
        private final Limits limits;

        Placer(Limits limits) {
            this.limits = limits;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (ctx.pipeline().get(VERTX_HANDLER) != null) {
                ctx.pipeline().addBefore(VERTX_HANDLER, "hub-edge", new EdgeConnection(limits));
            }
            ctx.pipeline().remove(this);
            ctx.fireChannelActive();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        address = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        counted = true;
        int now = limits.open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        if (now > limits.perClient) {
            refusing = true;
            answer(ctx, ErrorCode.UNAVAILABLE, "too many connections from this client address; reuse or close some",
                    "/", null, "Retry-After", "5");
            return;
        }
        armHeadTimer(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        release();
        super.channelInactive(ctx);
    }

    private void release() {
        cancelHeadTimer();
        if (counted) {
            counted = false;
            limits.open.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refusing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            cancelHeadTimer();
            if (request.decoderResult().isFailure()) {
                refusing = true;
                ReferenceCountUtil.release(msg);
                refuse(ctx, request);
                return;
            }
            List<ProblemError> badTarget = RequestTarget.problems(request.uri());
            if (badTarget != null) {
                refusing = true;
                ReferenceCountUtil.release(msg);
                answer(ctx, ErrorCode.BAD_INPUT, "the request target is not a valid URL path and query (characters or percent-encoding)",
                        "/", badTarget, null, null);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent && !refusing) {
            // A response is complete: the next request head has the header timeout to arrive.
            armHeadTimer(ctx);
        }
        ctx.write(msg, promise);
    }

    private void refuse(ChannelHandlerContext ctx, HttpRequest request) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            answer(ctx, ErrorCode.URI_TOO_LONG, "the request line is too long", "/", null, null, null);
        } else if (cause instanceof TooLongHttpHeaderException) {
            answer(ctx, ErrorCode.HEADERS_TOO_LARGE, "the request headers are too large", "/", null, null, null);
        } else {
            String uri = request.uri();
            String instance = uri != null && uri.startsWith("/") && uri.length() <= 512 && uri.indexOf('?') < 0 ? uri : "/";
            answer(ctx, ErrorCode.BAD_INPUT, "the request is not valid HTTP/1.1 (request line, headers or Content-Length)",
                    instance, null, null, null);
        }
    }

    private void armHeadTimer(ChannelHandlerContext ctx) {
        cancelHeadTimer();
        if (limits.headerTimeoutMillis > 0) {
            headTimer = ctx.executor().schedule(() -> {
                headTimer = null;
                ctx.close();
            }, limits.headerTimeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void cancelHeadTimer() {
        if (headTimer != null) {
            headTimer.cancel(false);
            headTimer = null;
        }
    }

    /** Writes a problem+json response (through the HTTP encoder) and closes the connection. */
    private static void answer(ChannelHandlerContext ctx, ErrorCode code, String detail, String instance,
            List<ProblemError> errors, String extraHeader, String extraValue) {
        String requestId = UUID.randomUUID().toString();
        String body;
        MDC.put(RequestIds.KEY, requestId);
        try {
            body = Problems.json(Problems.problem(code, detail, instance, errors));
        } finally {
            MDC.remove(RequestIds.KEY);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code.status),
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(RequestIds.HEADER, requestId)
                .set(HttpHeaderNames.CONNECTION, "close");
        if (extraHeader != null) {
            response.headers().set(extraHeader, extraValue);
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
