package io.integrationshub.broker;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Reads "Authorization: Broker brk_..." (API.md 5). Like the API-token mechanism it answers only its
 * own scheme, so bearer JWTs and "Token" headers never reach it, and a broker token is never read as one
 * of those. The identity it yields carries no organisation grant: AccessControl refuses it everywhere
 * but at the broker's own endpoint.
 */
// On every request's path: a @Singleton is injected as itself, with no client proxy to look it up per call.
@Singleton
public class BrokerAuthenticationMechanism implements HttpAuthenticationMechanism {
    static final String SCHEME = "Broker ";
    public static final String CHALLENGE = "Broker realm=\"integrations-hub\"";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Uni.createFrom().nullItem();
        }
        String token = header.substring(SCHEME.length()).trim();
        if (token.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("empty broker token"));
        }
        return identityProviderManager.authenticate(new BrokerCredential(token));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(BrokerCredential.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "broker"));
    }
}
