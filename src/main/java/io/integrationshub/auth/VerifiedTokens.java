package io.integrationshub.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Bearer tokens already verified, so that a client sending the same token on every request pays the
 * RS256 signature check (a modular exponentiation: the largest single cost of a read, docs/benchmarks.md)
 * once, not per request. The way API gateways do it (Envoy's {@code jwt_cache_config}).
 * <p>
 * Keyed by the whole compact token, signature included: a token that differs in one byte (another
 * payload, a forged signature) is a miss and goes through the full verification. An entry lives until
 * the token's {@code exp} and at most {@code hub.auth.verified-tokens.ttl}; on a hit whose {@code exp} has
 * passed the token is verified again and refused (no clock skew: {@link #unexpired}). So a token is never
 * accepted here that the verifier would refuse, except within the TTL after its key was withdrawn from
 * the configured key set. {@code hub.auth.verified-tokens.size} 0 turns the cache off. Replaces smallrye-jwt's
 * parser for Quarkus' {@code MpJwtValidator}; every other parser method goes straight to it.
 */
@Alternative
@Priority(1)
// On every request's path: a @Singleton is injected as itself, with no client proxy to look it up per call.
@Singleton
public class VerifiedTokens implements JWTParser {
    private final DefaultJWTParser verifier;
    private final Cache<String, Verified> verified;

    /** A verified token and what was derived from it, once (see {@link #derived}). */
    private record Verified(JsonWebToken jwt, ConcurrentMap<String, Object> facts) {
    }

    @Inject
    VerifiedTokens(DefaultJWTParser verifier,
            @ConfigProperty(name = "hub.auth.verified-tokens.size", defaultValue = "1000") int size,
            @ConfigProperty(name = "hub.auth.verified-tokens.ttl", defaultValue = "5m") Duration ttl) {
        this.verifier = verifier;
        // Upkeep (read buffers, evictions) runs inline on the calling event loop, a few entries at a time. With the
        // default executor every drain was a hand-off to the common fork-join pool: a thread wake-up (2 % of GET
        // samples) and a third thread competing for the two cores.
        this.verified = size <= 0 ? null : Caffeine.newBuilder().executor(Runnable::run).maximumSize(size)
                .expireAfter(untilExpiry(ttl)).build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (verified == null) {
            return unexpired(verifier.parse(token));
        }
        Verified hit = verified.getIfPresent(token);
        if (hit != null && hit.jwt().getExpirationTime() > nowSeconds()) {
            return hit.jwt();
        }
        JsonWebToken jwt = unexpired(verifier.parse(token));
        verified.put(token, new Verified(jwt, new ConcurrentHashMap<>(4)));
        return jwt;
    }

    /**
     * API.md 1.1/2: an expired token is 401 from its {@code exp} on. smallrye-jwt allows a clock skew of 60 s and
     * cannot be configured to none ({@code mp.jwt.verify.clock.skew=0} is taken as "unset", i.e. its 60 s), so the
     * verifier's answer is held to {@code exp} here, as jose4j would with no skew: refused when now >= exp.
     */
    private static JsonWebToken unexpired(JsonWebToken jwt) throws ParseException {
        if (jwt.getExpirationTime() <= nowSeconds()) {
            throw new ParseException("the token has expired");
        }
        return jwt;
    }

    /**
     * A fact that depends on nothing but the token (the caller's permissions, whether its claims are safe
     * text, the member's profile), computed once per cached token instead of once per request: reading
     * claims from smallrye-jwt's principal is not free (a non-registered claim name costs an exception).
     * Computed afresh for a token that is not this cache's own instance (cache off, or already replaced).
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(JsonWebToken jwt, String fact, Function<JsonWebToken, T> derive) {
        Verified entry = verified == null || jwt.getRawToken() == null ? null : verified.getIfPresent(jwt.getRawToken());
        if (entry == null || entry.jwt() != jwt) {
            return derive.apply(jwt);
        }
        Object known = entry.facts().get(fact);
        if (known == null) {
            known = derive.apply(jwt);
            entry.facts().putIfAbsent(fact, known);
        }
        return (T) known;
    }

    /** Until the token's exp, and not longer than {@code ttl}. */
    private static Expiry<String, Verified> untilExpiry(Duration ttl) {
        return new Expiry<>() {
            @Override
            public long expireAfterCreate(String token, Verified entry, long currentTime) {
                long untilExp = TimeUnit.SECONDS.toNanos(Math.max(0, entry.jwt().getExpirationTime() - nowSeconds()));
                return Math.min(untilExp, ttl.toNanos());
            }

            @Override
            public long expireAfterUpdate(String token, Verified entry, long currentTime, long currentDuration) {
                return expireAfterCreate(token, entry, currentTime);
            }

            @Override
            public long expireAfterRead(String token, Verified entry, long currentTime, long currentDuration) {
                return currentDuration;
            }
        };
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return unexpired(verifier.parse(token, context));
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
