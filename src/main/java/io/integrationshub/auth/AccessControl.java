package io.integrationshub.auth;

import io.integrationshub.common.Ids;
import io.integrationshub.common.domain.Forbidden;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.error.ApiException;
import io.integrationshub.common.error.ErrorCode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Singleton;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The single permission check; services call it (the one layer that checks permissions, see README). A caller with no role in the resource's
 * organisation is told the resource does not exist (404); a role without the permission is 403.
 */
// On every request's path: a @Singleton is injected as itself, with no client proxy to look it up per call.
@Singleton
public class AccessControl {
    public static final String CALLER_ATTRIBUTE = "hub.caller";
    public static final String PLATFORM_ADMIN_GROUP = "platform-admin";
    /** The 404 of a caller with no role in the organisation: the same words whichever check refuses it. */
    public static final String NO_SUCH_RESOURCE = "no such resource";

    /** The authenticated caller; anonymous requests are 401. Resources take it from {@link CurrentCaller}. */
    static Caller resolve(SecurityIdentity identity, VerifiedTokens tokens) {
        if (identity == null || identity.isAnonymous()) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "authentication is required");
        }
        Caller attached = identity.getAttribute(CALLER_ATTRIBUTE);
        if (attached != null) {
            return attached;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return tokens.derived(jwt, "caller", AccessControl::fromJwt);
        }
        throw new ApiException(ErrorCode.UNAUTHENTICATED, "unsupported credentials");
    }

    public void require(Caller caller, UUID organisationId, Permission permission) {
        if (!caller.isMemberOf(organisationId)) {
            throw new NotFound(NO_SUCH_RESOURCE);
        }
        if (!caller.can(organisationId, permission)) {
            throw new Forbidden("the caller lacks the " + permission.wireName + " permission in this organisation");
        }
    }

    public void requirePlatformAdmin(Caller caller) {
        if (!caller.platformAdmin()) {
            throw new Forbidden("the caller lacks the platform.admin permission");
        }
    }

    /** API tokens may act within their organisation but never manage API tokens (API.md 3). */
    public void requireUser(Caller caller, String what) {
        if (caller.kind() != Caller.Kind.USER) {
            throw new Forbidden("an API token cannot " + what);
        }
    }

    static Caller fromJwt(JsonWebToken jwt) {
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "the token has no sub claim");
        }
        Map<UUID, Set<Permission>> organisations = new HashMap<>();
        Object orgsClaim = jwt.getClaim("orgs");
        if (orgsClaim instanceof JsonObject orgs) {
            for (Map.Entry<String, JsonValue> entry : orgs.entrySet()) {
                if (!Ids.isUuid(entry.getKey())) {
                    continue;
                }
                Set<Permission> granted = grantOf(entry.getValue());
                if (!granted.isEmpty()) {
                    organisations.put(UUID.fromString(entry.getKey()), granted);
                }
            }
        }
        Set<String> groups = jwt.getGroups();
        boolean platformAdmin = groups != null && groups.contains(PLATFORM_ADMIN_GROUP);
        Caller.MemberProfile profile = new Caller.MemberProfile(text(jwt, "name"), text(jwt, "preferred_username"),
                text(jwt, "picture"));
        return new Caller(Caller.Kind.USER, subject, Map.copyOf(organisations), platformAdmin, profile);
    }

    /** An optional profile claim (API.md 2) as text; another JSON type counts as absent. */
    private static String text(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        return value instanceof String s ? s : value instanceof JsonString js ? js.getString() : null;
    }

    /** A role name or an array of permission names; anything unknown grants nothing. */
    static Set<Permission> grantOf(JsonValue value) {
        if (value instanceof JsonString role) {
            return Role.permissionsOf(role.getString());
        }
        if (value instanceof JsonArray names) {
            EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
            for (JsonValue name : names) {
                if (name instanceof JsonString s) {
                    Permission.fromWireName(s.getString())
                            .filter(p -> p != Permission.PLATFORM_ADMIN)
                            .ifPresent(granted::add);
                }
            }
            return Set.copyOf(granted);
        }
        return Set.of();
    }
}
