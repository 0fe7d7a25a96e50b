package io.integrationshub.common.web;

import io.integrationshub.common.error.ErrorCode;
import io.integrationshub.common.error.ProblemError;
import io.integrationshub.common.error.Problems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Behaviour below the REST layer: every request gets an id (echoed in X-Request-Id and put in the
 * logs), a deadline, and failures raised by the HTTP server itself (oversized body, unknown path)
 * are answered with the same problem+json as the rest of the service.
 */
@ApplicationScoped
public class HttpRoutes {
    /** API.md 1: bodies over 1 MiB are 413. The server's own limit is set higher, as a backstop for chunked bodies. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    private final Duration requestTimeout;

    public HttpRoutes(@ConfigProperty(name = "hub.http.request-timeout", defaultValue = "45s") Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    void install(@Observes Router router) {
        // One route for what every request gets first (a route passed costs a match and a hop per request).
        router.route().order(Integer.MIN_VALUE).handler(this::begin);
        // Bodies are read by EdgeGuard, after authentication and within the server-wide budget.
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
        // Runs only when nothing else (REST resources, /q endpoints) answered the request.
        router.route().order(Integer.MAX_VALUE).handler(ctx -> write(ctx, ErrorCode.NOT_FOUND, "no such resource"));
    }

    /** The request id, the deadline, and the declared body size, in that order. */
    private void begin(RoutingContext ctx) {
        String requestId = RequestIds.acceptOrGenerate(ctx.request().getHeader(RequestIds.HEADER));
        ctx.put(RequestIds.KEY, requestId);
        RequestIds.bind(requestId);
        ctx.response().putHeader(RequestIds.HEADER, requestId);
        // A request that has not been answered by its deadline gets 408; the late answer is dropped.
        long timer = ctx.vertx().setTimer(requestTimeout.toMillis(), id -> {
            if (!ctx.response().ended() && !ctx.response().headWritten()) {
                write(ctx, ErrorCode.TIMEOUT, "the request could not finish in time");
            }
        });
        ctx.addEndHandler(done -> {
            ctx.vertx().cancelTimer(timer);
            MDC.remove(RequestIds.KEY);
        });
        if (bodyWithinLimit(ctx)) {
            ctx.next();
        }
    }

    private static boolean bodyWithinLimit(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
                    write(ctx, ErrorCode.TOO_LARGE, "request body is larger than 1 MiB");
                    return false;
                }
            } catch (NumberFormatException e) {
                write(ctx, ErrorCode.BAD_INPUT, "Content-Length is not a number");
                return false;
            }
        }
        return true;
    }

    private void failure(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        int status = ctx.statusCode();
        ErrorCode code = status == -1 ? ErrorCode.INTERNAL : ErrorCode.forStatus(status);
        String detail = switch (code) {
            case TOO_LARGE -> "request body is larger than 1 MiB";
            case BAD_INPUT -> "the request could not be read";
            case NOT_FOUND -> "no such resource";
            case METHOD_NOT_ALLOWED -> "method not allowed on this resource";
            case UNAUTHENTICATED -> "credentials are missing, malformed, expired or wrongly signed";
            default -> code.title;
        };
        write(ctx, code, detail);
    }

    static void write(RoutingContext ctx, ErrorCode code, String detail) {
        write(ctx, code, detail, Map.of());
    }

    /**
     * Answers with a problem body. When the request body has not been read (refused before reading it, or
     * too large) or the answer is a 408, the connection is closed after the answer instead of reading and
     * discarding what the client still sends; closing also cancels the REST layer's late answer.
     */
    static void write(RoutingContext ctx, ErrorCode code, String detail, Map<String, String> headers) {
        write(ctx, code, detail, headers, null);
    }

    static void write(RoutingContext ctx, ErrorCode code, String detail, Map<String, String> headers,
            List<ProblemError> errors) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        String requestId = ctx.get(RequestIds.KEY);
        if (requestId != null) {
            RequestIds.bind(requestId);
        }
        MetricsUri.labelUnlessRouted(ctx.request(), MetricsUri.REFUSED);
        String body = Problems.json(Problems.problem(code, detail, ctx.request().path(), errors));
        var response = ctx.response().setStatusCode(code.status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE);
        if (code == ErrorCode.UNAUTHENTICATED) {
            response.putHeader("WWW-Authenticate", Problems.WWW_AUTHENTICATE);
        }
        headers.forEach(response::putHeader);
        boolean close = code == ErrorCode.TOO_LARGE || code == ErrorCode.TIMEOUT || !ctx.request().isEnded();
        if (close && ctx.request().version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.end(body).onComplete(done -> ctx.request().connection().close());
        } else {
            response.end(body);
        }
    }
}
