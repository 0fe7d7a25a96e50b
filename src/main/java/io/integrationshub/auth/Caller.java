package io.integrationshub.auth;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling and what they may do: the organisations they hold a role in, with the permissions
 * of that role, taken from the JWT claims or from the API token's grant.
 */
public record Caller(Kind kind, String id, Map<UUID, Set<Permission>> organisations, boolean platformAdmin,
        MemberProfile profile) {

    public enum Kind {
        USER("user"), API_TOKEN("api_token");

        public final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }
    }

    /** Display profile from the token's optional claims. */
    public record MemberProfile(String name, String preferredUsername, String picture) {
    }

    public boolean isMemberOf(UUID organisationId) {
        return organisations.containsKey(organisationId);
    }

    public boolean can(UUID organisationId, Permission permission) {
        Set<Permission> granted = organisations.get(organisationId);
        return granted != null && granted.contains(permission);
    }

    /** Key for per-principal limits and idempotency records. */
    public String principalKey() {
        return kind.wireName + ":" + id;
    }
}
