package io.integrationshub.apitokens;

import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.ApiTokenCredential;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.auth.Role;
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

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Resolves "Token ..." credentials against the stored hashes on every request, so that a revoked or
 * expired token is refused at once.
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenCredential> {
    private static final String LOOKUP = "select id, organisation_id, role, permissions from api_tokens "
            + "where token_hash = $1 and (expires_at is null or expires_at > now())";
    private final Pool pool;

    public ApiTokenIdentityProvider(Pool pool) {
        this.pool = pool;
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
        return pool.preparedQuery(LOOKUP).execute(Tuple.of(ApiTokenSecrets.hash(token))).map(rows -> {
            if (rows.size() == 0) {
                throw new AuthenticationFailedException("unknown, revoked or expired API token");
            }
            Row row = rows.iterator().next();
            UUID tokenId = row.getUUID("id");
            Caller caller = new Caller(Caller.Kind.API_TOKEN, tokenId.toString(),
                    Map.of(row.getUUID("organisation_id"), grant(row)), false, null);
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("api_token:" + tokenId))
                    .addAttribute(AccessControl.CALLER_ATTRIBUTE, caller)
                    .build();
        });
    }

    private static Set<Permission> grant(Row row) {
        String role = row.getString("role");
        if (role != null) {
            return Role.fromWireName(role).map(r -> r.permissions).orElse(Set.of());
        }
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        String[] names = row.getArrayOfStrings("permissions");
        if (names != null) {
            for (String name : names) {
                Permission.fromWireName(name).ifPresent(granted::add);
            }
        }
        return Set.copyOf(granted);
    }
}
