package io.integrationshub.apitokens;

import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.ApiTokenCredential;
import io.integrationshub.auth.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Resolves "Token ..." credentials against the stored hashes on every request, so that a revoked or
 * expired token is refused at once: one query ({@link ApiTokenRepository#findLive}) in a session of its own.
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenCredential> {
    private final ApiTokenRepository tokens;

    public ApiTokenIdentityProvider(ApiTokenRepository tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<ApiTokenCredential> getRequestType() {
        return ApiTokenCredential.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenCredential request, AuthenticationRequestContext context) {
        String token = request.token();
        if (!token.startsWith(ApiTokenSecrets.PREFIX) || token.length() > 100) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed API token"));
        }
        return Panache.withSession(() -> tokens.findLive(ApiTokenSecrets.hash(token))).map(row -> {
            if (row == null) {
                throw new AuthenticationFailedException("unknown, revoked or expired API token");
            }
            Caller caller = new Caller(Caller.Kind.API_TOKEN, row.id.toString(),
                    Map.of(row.organisationId, ApiToken.grantOf(row.role, row.permissions)), false, null);
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("api_token:" + row.id))
                    .addAttribute(AccessControl.CALLER_ATTRIBUTE, caller)
                    .build();
        });
    }

}
