package io.integrationshub.common.web;

import io.integrationshub.auth.VerifiedTokens;
import io.integrationshub.common.error.ProblemError;
import io.integrationshub.common.json.SafeText;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;

/** Text that arrives outside a JSON body (query parameters, token claims) held to {@link SafeText}'s rules. */
final class RequestText {
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private RequestText() {
    }

    /** The first query parameter that is not well percent-encoded or holds a NUL, as a problem entry; else null. */
    /**
     * An Idempotency-Key on a POST must hold 1 to 255 characters (API.md 1.4). Checked here because the REST
     * layer hands an empty header value on as no header at all, which would run the request without its key.
     */
    static ProblemError badIdempotencyKey(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            return null;
        }
        String key = request.getHeader(IDEMPOTENCY_KEY);
        return key == null || (!key.isBlank() && key.length() <= 255) ? null
                : ProblemError.header(IDEMPOTENCY_KEY, "must be 1 to 255 characters");
    }

    static ProblemError firstBadParameter(HttpServerRequest request) {
        return firstBadParameter(request.query());
    }

    static ProblemError firstBadParameter(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        String[] pairs = query.split("&");
        // Every parameter of the API takes one value: a second one would be silently dropped (the first wins).
        java.util.Set<String> seen = pairs.length > 1 ? new java.util.HashSet<>() : null;
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name;
            try {
                name = QueryStringDecoder.decodeComponent(rawName, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return ProblemError.parameter(visible(rawName), "is not a well percent-encoded name");
            }
            if (!SafeText.isSafe(name)) {
                return ProblemError.parameter(visible(rawName), SafeText.DETAIL);
            }
            if (seen != null && !seen.add(name)) {
                return ProblemError.parameter(name, "is given more than once; it takes one value");
            }
            if (eq >= 0) {
                String value;
                try {
                    value = QueryStringDecoder.decodeComponent(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return ProblemError.parameter(name, "is not well percent-encoded");
                }
                if (!SafeText.isSafe(value)) {
                    return ProblemError.parameter(name, SafeText.DETAIL);
                }
            }
        }
        return null;
    }

    /**
     * The principal's name and the token's text claims hold nothing the service could not store; for a JWT
     * worked out once per verified token ({@link VerifiedTokens#derived}).
     */
    static boolean safeClaims(SecurityIdentity identity, VerifiedTokens tokens) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return tokens.derived(jwt, "safe-claims", RequestText::safeJwt);
        }
        return SafeText.isSafe(identity.getPrincipal().getName());
    }

    private static boolean safeJwt(JsonWebToken jwt) {
        // The subject, not getName(): that is upn or preferred_username when present, of whatever JSON type.
        if (!SafeText.isSafe(jwt.getSubject())) {
            return false;
        }
        if (jwt.getClaimNames() != null) {
            for (String claim : jwt.getClaimNames()) {
                Object value = jwt.getClaim(claim);
                String text = value instanceof String s ? s : value instanceof JsonString js ? js.getString() : null;
                if (text != null && !SafeText.isSafe(text)) {
                    return false;
                }
                if (value instanceof JsonObject object && !object.keySet().stream().allMatch(SafeText::isSafe)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String visible(String raw) {
        return raw.length() > 100 ? raw.substring(0, 100) : raw;
    }
}
