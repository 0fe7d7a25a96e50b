package io.integrationshub.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.function.Function;

/**
 * Reads one scheme of opaque tokens, "Authorization: &lt;Scheme&gt; &lt;token&gt;", and hands the token to the
 * identity provider of its credential type. It answers only its own scheme (another one, or none, is left to
 * the other mechanisms, e.g. SmallRye JWT's for Bearer), so a token is never read as one of another scheme.
 */
public abstract class AuthorizationSchemeMechanism implements HttpAuthenticationMechanism {
    private final String prefix;
    private final String challenge;
    private final Class<? extends AuthenticationRequest> credentialType;
    private final Function<String, AuthenticationRequest> credential;

    /** {@code scheme} as sent, e.g. "Token"; {@code challenge} the WWW-Authenticate value of a 401. */
    protected <C extends AuthenticationRequest> AuthorizationSchemeMechanism(String scheme, String challenge,
            Class<C> credentialType, Function<String, C> credential) {
        this.prefix = scheme + " ";
        this.challenge = challenge;
        this.credentialType = credentialType;
        this.credential = credential::apply;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Uni.createFrom().nullItem();
        }
        String token = header.substring(prefix.length()).trim();
        if (token.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("empty " + prefix.trim() + " credentials"));
        }
        return identityProviderManager.authenticate(credential.apply(token));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", challenge));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(credentialType);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION,
                prefix.trim().toLowerCase(java.util.Locale.ROOT)));
    }
}
