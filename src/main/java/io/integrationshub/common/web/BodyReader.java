package io.integrationshub.common.web;

import io.integrationshub.common.error.ErrorCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads request bodies for the REST layer ({@link ReadBodyHandoff} hands the buffer over), with two
 * limits: {@link HttpRoutes#MAX_BODY_BYTES} per request (413, API.md 1) and a budget of bytes held across
 * all requests at once (503), so that many slow or oversized uploads cannot exhaust the heap. A request
 * refused before its body is read has its connection closed (see {@link HttpRoutes#write}).
 */
final class BodyReader {
    /** The routing-context key of a body read here. */
    static final String READ = "hub.body-read";
    private final AtomicLong held = new AtomicLong();
    private final long budget;

    BodyReader(long budget) {
        this.budget = budget;
    }

    /** True when the request announces a body: a non-zero Content-Length or any Transfer-Encoding. */
    static boolean announcesBody(HttpServerRequest request) {
        if (request.headers().contains("Transfer-Encoding")) {
            return true;
        }
        String length = request.getHeader("Content-Length");
        return length != null && !length.trim().equals("0");
    }

    /** A body of unannounced length (Transfer-Encoding): read here, within the limits, before the REST layer. */
    static boolean isChunked(HttpServerRequest request) {
        return request.headers().contains("Transfer-Encoding");
    }

    long held() {
        return held.get();
    }

    void read(RoutingContext ctx) {
        if (ctx.request().isEnded()) {
            ctx.next();
            return;
        }
        read(ctx, body -> {
            ctx.put(READ, body);
            ctx.setBody(body);
            ctx.next();
        });
    }

    /** Reads the whole body within the limits above, then hands it to {@code then} (empty when already ended). */
    void read(RoutingContext ctx, java.util.function.Consumer<Buffer> then) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            then.accept(Buffer.buffer());
            return;
        }
        Buffer body = Buffer.buffer();
        long[] mine = {0};
        boolean[] refused = {false};
        ctx.addEndHandler(done -> held.addAndGet(-mine[0]));
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > HttpRoutes.MAX_BODY_BYTES) {
                refused[0] = true;
                request.pause();
                HttpRoutes.write(ctx, ErrorCode.TOO_LARGE, "request body is larger than 1 MiB");
                return;
            }
            if (held.addAndGet(chunk.length()) > budget) {
                held.addAndGet(-chunk.length());
                refused[0] = true;
                request.pause();
                HttpRoutes.write(ctx, ErrorCode.UNAVAILABLE, "the server is busy reading other requests; retry later",
                        Map.of("Retry-After", "1"));
                return;
            }
            mine[0] += chunk.length();
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (!refused[0] && !ctx.response().ended()) {
                then.accept(body);
            }
        });
        if (request.version() != HttpVersion.HTTP_1_0 && "100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            ctx.response().writeContinue();
        }
        request.resume();
    }
}
