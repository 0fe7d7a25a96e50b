package io.integrationshub.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Mints bearer JWTs signed with the test key pair (src/test/resources/jwt). */
public final class TestTokens {
    public static final String ISSUER = "https://issuer.test.integrations-hub";
    public static final String PRIVATE_KEY = "jwt/privateKey.pem";

    private final String subject;
    private final Map<String, Object> orgs = new LinkedHashMap<>();
    private boolean platformAdmin;

    private TestTokens(String subject) {
        this.subject = subject;
    }

    public static TestTokens user(String subject) {
        return new TestTokens(subject);
    }

    public static TestTokens user() {
        return new TestTokens("user-" + UUID.randomUUID());
    }

    public static String platformAdmin() {
        return user("platform-admin-" + UUID.randomUUID()).admin().bearer();
    }

    public TestTokens role(UUID org, String role) {
        orgs.put(org.toString(), role);
        return this;
    }

    public TestTokens permissions(UUID org, String... permissions) {
        orgs.put(org.toString(), java.util.List.of(permissions));
        return this;
    }

    public TestTokens admin() {
        platformAdmin = true;
        return this;
    }

    public String subject() {
        return subject;
    }

    public JwtClaimsBuilder claims() {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER).subject(subject).claim("orgs", orgs).expiresIn(3600);
        if (platformAdmin) {
            builder.groups(Set.of("platform-admin"));
        }
        return builder;
    }

    public String jwt() {
        return claims().sign(PRIVATE_KEY);
    }

    public String bearer() {
        return "Bearer " + jwt();
    }
}
