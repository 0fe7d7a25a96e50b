package io.integrationshub.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verified-token cache in front of the verifier: what is served from it and what is verified again. */
class VerifiedTokensTest {
    /** A verifier that records what it was asked to verify; tokens named "bad…" fail, "old…" expired. */
    static class RecordingVerifier extends DefaultJWTParser {
        final List<String> verified = new ArrayList<>();

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verified.add(token);
            if (token.startsWith("bad")) {
                throw new ParseException("signature does not verify");
            }
            long now = System.currentTimeMillis() / 1000;
            return jwt(token, token.startsWith("old") ? now - 5 : now + 3600);
        }
    }

    static JsonWebToken jwt(String name, long exp) {
        Map<String, Object> claims = Map.of("sub", name, "exp", exp, "raw_token", name);
        return new JsonWebToken() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @SuppressWarnings("unchecked")
            @Override
            public <T> T getClaim(String claimName) {
                return (T) claims.get(claimName);
            }
        };
    }

    @Test
    void aTokenIsVerifiedOnceAndThenServedUntilItExpires() throws Exception {
        RecordingVerifier verifier = new RecordingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, 100, Duration.ofMinutes(5));
        JsonWebToken first = tokens.parse("a.b.c");
        assertThat(tokens.parse("a.b.c")).isSameAs(first);
        assertThat(tokens.parse("a.b.c")).isSameAs(first);
        assertThat(verifier.verified).containsExactly("a.b.c");
    }

    @Test
    void anyOtherTokenIsVerifiedItselfEvenWhenItDiffersInOneCharacter() throws Exception {
        RecordingVerifier verifier = new RecordingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, 100, Duration.ofMinutes(5));
        tokens.parse("a.b.c");
        tokens.parse("a.b.d");
        assertThatThrownBy(() -> tokens.parse("bad.b.c")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse("bad.b.c")).isInstanceOf(ParseException.class);
        assertThat(verifier.verified).containsExactly("a.b.c", "a.b.d", "bad.b.c", "bad.b.c");
    }

    @Test
    void aTokenPastItsExpiryIsRefusedThoughTheVerifiersClockSkewWouldPassItAndIsNeverCached() {
        // "old…" expired 5 s ago: within smallrye-jwt's 60 s skew, which the verifier stands for here.
        RecordingVerifier verifier = new RecordingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, 100, Duration.ofMinutes(5));
        assertThatThrownBy(() -> tokens.parse("old.b.c")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse("old.b.c")).isInstanceOf(ParseException.class);
        assertThat(verifier.verified).containsExactly("old.b.c", "old.b.c");

        VerifiedTokens off = new VerifiedTokens(new RecordingVerifier(), 0, Duration.ofMinutes(5));
        assertThatThrownBy(() -> off.parse("old.b.c")).isInstanceOf(ParseException.class);
    }

    @Test
    void entriesLiveNoLongerThanTheTtlAndSizeZeroTurnsTheCacheOff() throws Exception {
        RecordingVerifier verifier = new RecordingVerifier();
        VerifiedTokens shortLived = new VerifiedTokens(verifier, 100, Duration.ofMillis(50));
        shortLived.parse("a.b.c");
        Thread.sleep(120);
        shortLived.parse("a.b.c");
        assertThat(verifier.verified).containsExactly("a.b.c", "a.b.c");

        RecordingVerifier direct = new RecordingVerifier();
        VerifiedTokens off = new VerifiedTokens(direct, 0, Duration.ofMinutes(5));
        off.parse("a.b.c");
        off.parse("a.b.c");
        assertThat(direct.verified).containsExactly("a.b.c", "a.b.c");
    }

    @Test
    void aFactOfACachedTokenIsDerivedOnceAndAfreshForAnyInstanceNotInTheCache() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(new RecordingVerifier(), 100, Duration.ofMinutes(5));
        JsonWebToken cached = tokens.parse("a.b.c");
        AtomicInteger derivations = new AtomicInteger();
        Function<JsonWebToken, String> subject = jwt -> jwt.getName() + "#" + derivations.incrementAndGet();
        assertThat(tokens.derived(cached, "subject", subject)).isEqualTo("a.b.c#1");
        assertThat(tokens.derived(tokens.parse("a.b.c"), "subject", subject)).isEqualTo("a.b.c#1");
        assertThat(tokens.derived(cached, "other fact", subject)).isEqualTo("a.b.c#2");

        // The same raw token but another principal (not what the cache verified): derived from itself, not served.
        JsonWebToken lookalike = jwt("a.b.c", System.currentTimeMillis() / 1000 + 3600);
        assertThat(tokens.derived(lookalike, "subject", subject)).isEqualTo("a.b.c#3");
        assertThat(tokens.derived(lookalike, "subject", subject)).isEqualTo("a.b.c#4");

        VerifiedTokens off = new VerifiedTokens(new RecordingVerifier(), 0, Duration.ofMinutes(5));
        JsonWebToken uncached = off.parse("a.b.c");
        assertThat(off.derived(uncached, "subject", subject)).isEqualTo("a.b.c#5");
        assertThat(off.derived(uncached, "subject", subject)).isEqualTo("a.b.c#6");
    }
}
