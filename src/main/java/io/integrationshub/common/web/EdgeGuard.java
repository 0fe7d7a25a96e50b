package io.integrationshub.common.web;

import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.auth.VerifiedTokens;
import io.integrationshub.common.Ids;
import io.integrationshub.common.error.ErrorCode;
import io.integrationshub.common.error.Failures;
import io.integrationshub.common.error.ProblemError;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The first checks of every API request, before any of its body is read: a client address that keeps
 * presenting no or bad credentials is refused (429) before its next credential is even looked up; the
 * credentials are verified (401 otherwise, connection closed with the body unread); only then is the body
 * read, within the per-request and server-wide limits of {@link BodyReader}. Every /v1 resource requires
 * authentication, so nothing anonymous is lost here.
 */
@ApplicationScoped
public class EdgeGuard {
    /** After Quarkus' authentication filter (order -200), which installs the deferred identity. */
    static final int ORDER = -190;
    /** The broker heartbeat endpoint (io.integrationshub.broker) and the challenge of its Broker scheme. */
    static final String BROKER_CONNECTIONS = "/v1/broker/connections";
    static final String BROKER_CHALLENGE = "Broker realm=\"integrations-hub\"";
    private static final String ORGANISATIONS = "/v1/orgs/";
    private static final String REFUSED = "hub.authentication-refused";
    private static final Logger LOG = Logger.getLogger(EdgeGuard.class);
    private final RateLimiter limiter;
    private final VerifiedTokens tokens;
    private final AllowedMethods endpoints;
    private final BodyReader bodies;

    public EdgeGuard(RateLimiter limiter, VerifiedTokens tokens, AllowedMethods endpoints,
            @ConfigProperty(name = "hub.http.max-buffered-body-bytes", defaultValue = "33554432") long bufferedBudget) {
        this.limiter = limiter;
        this.tokens = tokens;
        this.endpoints = endpoints;
        this.bodies = new BodyReader(bufferedBudget);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::guard);
    }

    long bufferedBodyBytes() {
        return bodies.held();
    }

    private void guard(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        boolean body = BodyReader.announcesBody(request);
        if (!request.path().startsWith("/v1/")) {
            if (body && BodyReader.isChunked(request)) {
                bodies.read(ctx);
            } else {
                ctx.next();
            }
            return;
        }
        ProblemError badParameter = RequestText.firstBadParameter(request);
        if (badParameter != null) {
            HttpRoutes.write(ctx, ErrorCode.BAD_INPUT, "parameter " + badParameter.parameter() + " is invalid",
                    Map.of(), List.of(badParameter));
            return;
        }
        ProblemError badKey = RequestText.badIdempotencyKey(request);
        if (badKey != null) {
            HttpRoutes.write(ctx, ErrorCode.BAD_INPUT, "header Idempotency-Key is invalid", Map.of(), List.of(badKey));
            return;
        }
        if (body) {
            request.pause();
        }
        Context context = Vertx.currentContext();
        // Quarkus hands a failed authentication to this handler (else to the router's failure handler, a 500).
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER,
                (BiConsumer<RoutingContext, Throwable>) (c, failure) -> on(context, () -> refused(ctx, failure)));
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> on(context, () -> authenticated(ctx, identity, body)),
                failure -> on(context, () -> refused(ctx, failure)));
    }

    private void authenticated(RoutingContext ctx, SecurityIdentity identity, boolean body) {
        if (ctx.response().ended()) {
            return;
        }
        if (identity == null || identity.isAnonymous()) {
            unauthenticated(ctx, "authentication is required");
        } else if (!RequestText.safeClaims(identity, tokens)) {
            // A subject or profile claim the service could not store (audit actor, member profile).
            unauthenticated(ctx, "credentials are missing, malformed, expired or wrongly signed");
        } else if (body && outsider(ctx.request().path(), identity)) {
            // API.md 2: no role in the organisation is 404, whatever the body holds: a malformed body must not
            // make the answer 400 (the REST layer parses bodies before any service checks the caller).
            HttpRoutes.write(ctx, ErrorCode.NOT_FOUND, AccessControl.NO_SUCH_RESOURCE);
        } else if (body && !isJson(ctx.request().getHeader("Content-Type"))) {
            // API.md 1: request bodies are application/json in UTF-8; none, empty or */* is not a type (415).
            HttpRoutes.write(ctx, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "request bodies must be application/json in UTF-8",
                    Map.of(), List.of(ProblemError.header("Content-Type", "must be application/json (charset UTF-8 if any)")));
        } else if (body && !BROKER_CONNECTIONS.equals(ctx.request().path())
                && endpoints.takesNoBody(ctx.request().method().name(), ctx.request().path())) {
            // The endpoint would ignore the body: nothing or {} passes, anything else is 400 (EmptyBodies). Broker
            // clients may describe themselves in their heartbeat's body, which the hub does not read.
            bodies.read(ctx, read -> {
                List<ProblemError> problems = EmptyBodies.problems(read);
                if (problems.isEmpty()) {
                    ctx.next();
                } else {
                    HttpRoutes.write(ctx, ErrorCode.BAD_INPUT, "this endpoint takes no request body (or an empty object)",
                            Map.of(), problems);
                }
            });
        } else if (body && BodyReader.isChunked(ctx.request())) {
            bodies.read(ctx);
        } else {
            // A Content-Length body (at most 1 MiB, HttpRoutes) stays paused until the REST layer reads it;
            // chunked bodies, whose size is unknown until read, go through the buffer budget above.
            ctx.next();
        }
    }

    private void refused(RoutingContext ctx, Throwable failure) {
        if (ctx.response().ended() || ctx.get(REFUSED) != null) {
            return;
        }
        ctx.put(REFUSED, Boolean.TRUE);
        if (Failures.isDatabaseUnavailable(failure)) {
            HttpRoutes.write(ctx, ErrorCode.UNAVAILABLE, "the database is unreachable; retry later", Map.of("Retry-After", "5"));
            return;
        }
        if (!(failure instanceof AuthenticationFailedException)) {
            LOG.debugf("authentication failed: %s", failure.getClass().getName());
        }
        unauthenticated(ctx, "credentials are missing, malformed, expired or wrongly signed");
    }

    /**
     * 401 with the challenge of the scheme the endpoint takes (broker clients authenticate with Broker tokens),
     * or 429 once the client address has failed too often: failures are limited per address, while valid
     * credentials from the same address (other users behind one NAT or proxy) are still served.
     */
    private void unauthenticated(RoutingContext ctx, String detail) {
        long wait = limiter.countFailedAuthentication(ctx.request());
        if (wait > 0) {
            HttpRoutes.write(ctx, ErrorCode.RATE, "too many requests without valid credentials; retry after the time in Retry-After",
                    Map.of("Retry-After", RateLimiter.retryAfterSeconds(wait)));
            return;
        }
        Map<String, String> challenge = BROKER_CONNECTIONS.equals(ctx.request().path())
                ? Map.of("WWW-Authenticate", BROKER_CHALLENGE) : Map.of();
        HttpRoutes.write(ctx, ErrorCode.UNAUTHENTICATED, detail, challenge);
    }

    /**
     * Whether the request's path is under an organisation (/v1/orgs/{org_id}...) in which the caller holds no role.
     * Every request with a body there needs a permission in that organisation; a malformed id is left to the
     * resource's own 400.
     */
    private boolean outsider(String path, SecurityIdentity identity) {
        if (!path.startsWith(ORGANISATIONS)) {
            return false;
        }
        int end = path.indexOf('/', ORGANISATIONS.length());
        String id = end < 0 ? path.substring(ORGANISATIONS.length()) : path.substring(ORGANISATIONS.length(), end);
        if (!Ids.isUuid(id)) {
            return false;
        }
        try {
            return !new CurrentCaller(identity, tokens).get().isMemberOf(UUID.fromString(id));
        } catch (RuntimeException unresolved) {
            return false; // the resource answers as it would have
        }
    }

    /** application/json, with no charset or UTF-8's (API.md 1: JSON in UTF-8; a Latin-1 body would be misread). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.regionMatches(true, 0, "charset=", 0, 8)) {
                String charset = parameter.substring(8).replace("\"", "").trim();
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void on(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
