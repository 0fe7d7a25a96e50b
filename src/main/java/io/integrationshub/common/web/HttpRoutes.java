package io.integrationshub.common.web;

import io.integrationshub.common.error.ErrorCode;
import io.integrationshub.common.error.Problems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

import java.time.Duration;

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
        router.route().order(Integer.MIN_VALUE).handler(this::assignRequestId);
        router.route().order(Integer.MIN_VALUE + 1).handler(this::deadline);
        router.route().order(Integer.MIN_VALUE + 1).handler(this::bodyLimit);
        // A body without Content-Length (chunked) is read here, up to the limit, so that overflowing it
        // fails into the problem handler below instead of the server's bare 413.
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> {
            if (ctx.request().getHeader("Content-Length") == null && ctx.request().getHeader("Transfer-Encoding") != null) {
                chunkedBodies.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
        // Runs only when nothing else (REST resources, /q endpoints) answered the request.
        router.route().order(Integer.MAX_VALUE).handler(ctx -> write(ctx, ErrorCode.NOT_FOUND, "no such resource"));
    }

    private void assignRequestId(RoutingContext ctx) {
        String requestId = RequestIds.acceptOrGenerate(ctx.request().getHeader(RequestIds.HEADER));
        ctx.put(RequestIds.KEY, requestId);
        RequestIds.bind(requestId);
        ctx.response().putHeader(RequestIds.HEADER, requestId);
        ctx.addEndHandler(done -> MDC.remove(RequestIds.KEY));
        ctx.next();
    }

    private void bodyLimit(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
                    write(ctx, ErrorCode.TOO_LARGE, "request body is larger than 1 MiB");
                    return;
                }
            } catch (NumberFormatException e) {
                write(ctx, ErrorCode.BAD_INPUT, "Content-Length is not a number");
                return;
            }
        }
        ctx.next();
    }

    /** A request that has not been answered by its deadline gets 408; the late answer is dropped. */
    private void deadline(RoutingContext ctx) {
        long timer = ctx.vertx().setTimer(requestTimeout.toMillis(), id -> {
            if (!ctx.response().ended() && !ctx.response().headWritten()) {
                write(ctx, ErrorCode.TIMEOUT, "the request could not finish in time");
            }
        });
        ctx.addEndHandler(done -> ctx.vertx().cancelTimer(timer));
        ctx.next();
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
        String requestId = ctx.get(RequestIds.KEY);
        if (requestId != null) {
            RequestIds.bind(requestId);
        }
        String body = Problems.json(Problems.problem(code, detail, ctx.request().path(), null));
        var response = ctx.response().setStatusCode(code.status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE);
        if (code == ErrorCode.UNAUTHENTICATED) {
            response.putHeader("WWW-Authenticate", Problems.WWW_AUTHENTICATE);
        }
        if (code == ErrorCode.TOO_LARGE) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(body);
    }
}
