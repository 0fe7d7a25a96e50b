package io.integrationshub.common.web;

import io.integrationshub.common.error.ErrorCode;
import io.quarkus.scheduler.Scheduled;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Per-principal token buckets (API.md 1.6). The principal is the presented credential itself, so one
 * caller cannot drain another's bucket by forging claims; anonymous requests are keyed by address.
 * Sync and broker endpoints draw from a second, tighter bucket. Limits are per instance.
 */
@ApplicationScoped
public class RateLimiter {
    private static final Pattern TIGHT = Pattern.compile("^/v1/(orgs/[^/]+/integrations/[^/]+/(sync|broker.*)|broker/.*)$");
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;
    private final int tightPerMinute;

    public RateLimiter(@ConfigProperty(name = "hub.rate-limit.per-minute", defaultValue = "1200") int perMinute,
            @ConfigProperty(name = "hub.rate-limit.sync-per-minute", defaultValue = "60") int tightPerMinute) {
        this.perMinute = perMinute;
        this.tightPerMinute = tightPerMinute;
    }

    void install(@Observes Router router) {
        router.route("/v1/*").order(Integer.MIN_VALUE + 2).handler(this::limit);
    }

    private void limit(RoutingContext ctx) {
        String credential = ctx.request().getHeader("Authorization");
        // Keyed by a digest so that no credential is kept in memory longer than its request.
        String principal = credential != null ? "c:" + digest(credential)
                : "ip:" + ctx.request().remoteAddress().hostAddress();
        boolean tight = TIGHT.matcher(ctx.request().path()).matches() && ctx.request().method().name().equals("POST")
                || ctx.request().path().endsWith("/broker") && ctx.request().method().name().equals("PUT");
        long waitMillis = take(principal, perMinute);
        if (waitMillis == 0 && tight) {
            waitMillis = take("tight|" + principal, tightPerMinute);
        }
        if (waitMillis > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, (waitMillis + 999) / 1000)));
            HttpRoutes.write(ctx, ErrorCode.RATE, "rate limit exceeded; retry after the time in Retry-After");
            return;
        }
        ctx.next();
    }

    private static String digest(String credential) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(credential.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes one token; returns 0 when allowed, else the milliseconds until a token is available. */
    long take(String key, int capacityPerMinute) {
        return buckets.computeIfAbsent(key, k -> new Bucket(capacityPerMinute)).take(capacityPerMinute);
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleBuckets() {
        long cutoff = System.nanoTime() - 120_000_000_000L;
        buckets.values().removeIf(bucket -> bucket.lastRefill < cutoff);
    }

    static final class Bucket {
        private double tokens;
        private long lastRefill = System.nanoTime();

        Bucket(int capacity) {
            this.tokens = capacity;
        }

        synchronized long take(int capacityPerMinute) {
            long now = System.nanoTime();
            double perNano = capacityPerMinute / 60_000_000_000d;
            tokens = Math.min(capacityPerMinute, tokens + (now - lastRefill) * perNano);
            lastRefill = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano / 1_000_000d);
        }
    }
}
