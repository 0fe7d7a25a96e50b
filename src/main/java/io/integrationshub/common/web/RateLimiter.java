package io.integrationshub.common.web;

import io.integrationshub.common.error.ErrorCode;
import io.integrationshub.common.error.Problems;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Per-principal token buckets (API.md 1.6), applied after authentication: an authenticated caller is
 * limited by its principal (user subject or API token id), whatever credential it presents; a request
 * that is anonymous or fails to authenticate is limited by its client address. Sync and broker
 * endpoints also draw from a second, tighter bucket. Limits are per instance.
 */
// On every request's path: a @Singleton is injected as itself, with no client proxy to look it up per call.
@Singleton
public class RateLimiter {
    private static final Pattern TIGHT = Pattern.compile("^/v1/(orgs/[^/]+/integrations/[^/]+/(sync|broker.*)|broker/.*)$");
    /** Above this many buckets, idle ones are forgotten at once rather than at the next sweep. */
    private static final int MAX_BUCKETS = 100_000;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** Per client address, the failed authentications; apart, so that "none lately" is one cheap test. */
    private final ConcurrentHashMap<String, Bucket> failedAuthentications = new ConcurrentHashMap<>();
    private final CurrentIdentityAssociation identities;
    private final int perMinute;
    private final int tightPerMinute;
    private final int unauthenticatedPerMinute;

    public RateLimiter(CurrentIdentityAssociation identities,
            @ConfigProperty(name = "hub.rate-limit.per-minute", defaultValue = "6000") int perMinute,
            @ConfigProperty(name = "hub.rate-limit.sync-per-minute", defaultValue = "600") int tightPerMinute,
            @ConfigProperty(name = "hub.rate-limit.unauthenticated-per-minute", defaultValue = "600") int unauthenticatedPerMinute) {
        this.identities = identities;
        this.perMinute = perMinute;
        this.tightPerMinute = tightPerMinute;
        this.unauthenticatedPerMinute = unauthenticatedPerMinute;
    }

    static String clientAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    /**
     * The principal a bucket belongs to: a JWT's {@code sub} (API.md 2: the principal's id; its Principal name
     * would be upn or preferred_username, which two users may share), else the identity's name.
     */
    static String principalId(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : identity.getPrincipal().getName();
    }

    static String retryAfterSeconds(long waitMillis) {
        return Long.toString(Math.max(1, (waitMillis + 999) / 1000));
    }

    /**
     * Requests that fail to authenticate draw from a bucket per client address; returns 0 while it holds
     * tokens, else the milliseconds until it does again (the caller then answers 429 instead of 401). Only
     * failures draw from it, so a valid principal behind the same address is never refused by it.
     */
    public long countFailedAuthentication(HttpServerRequest http) {
        return take(failedAuthentications, clientAddress(http), unauthenticatedPerMinute);
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1/")) {
            return Uni.createFrom().nullItem();
        }
        // Cheap tests first: most requests are reads by an authenticated principal.
        boolean tight = (request.getMethod().equals("POST") || request.getMethod().equals("PUT"))
                && TIGHT.matcher(path).matches();
        return identities.getDeferredIdentity()
                .map(identity -> identity.isAnonymous() ? "ip:" + clientAddress(http) : "principal:" + principalId(identity))
                .onFailure().recoverWithItem(() -> "ip:" + clientAddress(http))
                .map(principal -> {
                    long waitMillis = take(buckets, principal, perMinute);
                    if (waitMillis == 0 && tight) {
                        waitMillis = take(buckets, "tight|" + principal, tightPerMinute);
                    }
                    if (waitMillis == 0) {
                        return null;
                    }
                    return Problems.response(ErrorCode.RATE, "rate limit exceeded; retry after the time in Retry-After",
                            path, null, Map.of("Retry-After", retryAfterSeconds(waitMillis)));
                });
    }

    /** Takes one token; returns 0 when allowed, else the milliseconds until a token is available. */
    long take(ConcurrentHashMap<String, Bucket> from, String key, int capacityPerMinute) {
        if (from.size() > MAX_BUCKETS) {
            forgetIdle(10_000_000_000L);
        }
        return from.computeIfAbsent(key, k -> new Bucket(capacityPerMinute)).take(capacityPerMinute);
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleBuckets() {
        forgetIdle(120_000_000_000L);
    }

    private void forgetIdle(long idleNanos) {
        long cutoff = System.nanoTime() - idleNanos;
        buckets.values().removeIf(bucket -> bucket.lastRefill < cutoff);
        failedAuthentications.values().removeIf(bucket -> bucket.lastRefill < cutoff);
    }

    static final class Bucket {
        private double tokens;
        private volatile long lastRefill = System.nanoTime();

        Bucket(int capacity) {
            this.tokens = capacity;
        }

        synchronized long take(int capacityPerMinute) {
            long wait = waitFor(capacityPerMinute);
            if (wait == 0) {
                tokens -= 1;
            }
            return wait;
        }

        /** Refills, then tells how long until one token is there (0 = one is there now); takes nothing. */
        synchronized long waitFor(int capacityPerMinute) {
            long now = System.nanoTime();
            double perNano = capacityPerMinute / 60_000_000_000d;
            tokens = Math.min(capacityPerMinute, tokens + (now - lastRefill) * perNano);
            lastRefill = now;
            return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano / 1_000_000d);
        }
    }
}
