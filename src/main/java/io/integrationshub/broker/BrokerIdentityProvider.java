package io.integrationshub.broker;

import io.integrationshub.apitokens.ApiTokenSecrets;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Resolves "Broker ..." credentials with one probe of the unique hash index on every request, so that a
 * retired token is refused at once. The hash is compared by the index, never the token in Java.
 */
@ApplicationScoped
public class BrokerIdentityProvider implements IdentityProvider<BrokerCredential> {
    private static final String LOOKUP = "select id, group_id, state, first_seen_at, last_seen_at, client_version "
            + "from broker_tokens where token_hash = $1 and state <> 'retired'";
    private final Pool pool;

    public BrokerIdentityProvider(Pool pool) {
        this.pool = pool;
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
        return pool.preparedQuery(LOOKUP).execute(Tuple.of(ApiTokenSecrets.hash(token))).map(rows -> {
            if (rows.size() == 0) {
                throw new AuthenticationFailedException("unknown or retired broker token");
            }
            Row row = rows.iterator().next();
            BrokerPrincipal principal = new BrokerPrincipal(row.getUUID("id"), row.getUUID("group_id"),
                    row.getString("state"), instant(row, "first_seen_at"), instant(row, "last_seen_at"),
                    row.getString("client_version"));
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("broker:" + principal.tokenId()))
                    .addAttribute(BrokerPrincipal.ATTRIBUTE, principal)
                    .build();
        });
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
