package io.integrationshub.projects;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Every time a member authenticates with a JWT, their display profile claims (name,
 * preferred_username, picture) are handed to {@link MemberProfiles}, which writes only when they changed.
 */
@ApplicationScoped
public class MemberProfileAugmentor implements SecurityIdentityAugmentor {
    private final MemberProfiles profiles;

    public MemberProfileAugmentor(MemberProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
            return Uni.createFrom().item(identity);
        }
        return profiles.refresh(jwt.getSubject(), text(jwt, "name"), text(jwt, "preferred_username"), text(jwt, "picture"))
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
