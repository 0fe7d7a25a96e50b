package io.integrationshub.projects;

import io.integrationshub.auth.VerifiedTokens;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Every time a member authenticates with a JWT, their display profile claims (name,
 * preferred_username, picture) are handed to {@link MemberProfiles}, which writes only when they changed.
 */
// On every request's path: a @Singleton is injected as itself, with no client proxy to look it up per call.
@Singleton
public class MemberProfileAugmentor implements SecurityIdentityAugmentor {
    private final MemberProfiles profiles;
    private final VerifiedTokens tokens;

    public MemberProfileAugmentor(MemberProfiles profiles, VerifiedTokens tokens) {
        this.profiles = profiles;
        this.tokens = tokens;
    }

    /** The profile claims of a token and their hash, read once per verified token. */
    record ProfileClaims(String name, String displayName, String avatar, String hash) {
        static ProfileClaims of(JsonWebToken jwt) {
            String name = text(jwt, "name");
            String displayName = text(jwt, "preferred_username");
            String avatar = text(jwt, "picture");
            return new ProfileClaims(name, displayName, avatar, MemberProfiles.hash(name, displayName, avatar));
        }
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
            return Uni.createFrom().item(identity);
        }
        ProfileClaims claims = tokens.derived(jwt, "member-profile", ProfileClaims::of);
        return profiles.refresh(jwt.getSubject(), claims.name(), claims.displayName(), claims.avatar(), claims.hash())
                .replaceWith(identity);
    }

    private static String text(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        if (value instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return value instanceof String s ? s : null;
    }
}
