package io.integrationshub.broker;

import io.integrationshub.apitokens.ApiTokenSecrets;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves "Broker ..." credentials with one probe of the unique hash index on every request, so that a
 * retired token is refused at once ({@link BrokerRepository#findLive}, in a session of its own). The hash is
 * compared by the index, never the token in Java.
 */
@ApplicationScoped
public class BrokerIdentityProvider implements IdentityProvider<BrokerCredential> {
    private final BrokerRepository tokens;

    public BrokerIdentityProvider(BrokerRepository tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<BrokerCredential> getRequestType() {
        return BrokerCredential.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(BrokerCredential request, AuthenticationRequestContext context) {
        String token = request.token();
        if (!token.startsWith(BrokerToken.PREFIX) || token.length() > 100) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed broker token"));
        }
        return Panache.withSession(() -> tokens.findLive(ApiTokenSecrets.hash(token))).map(row -> {
            if (row == null) {
                throw new AuthenticationFailedException("unknown or retired broker token");
            }
            BrokerPrincipal principal = new BrokerPrincipal(row.id, row.groupId, row.state, row.firstSeenAt,
                    row.lastSeenAt, row.clientVersion);
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("broker:" + principal.tokenId()))
                    .addAttribute(BrokerPrincipal.ATTRIBUTE, principal)
                    .build();
        });
    }
}
