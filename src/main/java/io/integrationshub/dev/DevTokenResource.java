package io.integrationshub.dev;

import io.integrationshub.common.Ids;
import io.integrationshub.common.error.ApiException;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Local development only: mints a bearer JWT for any organisation and role, signed with the dev key
 * pair kept under src/test. This class does not exist in a production build.
 */
@IfBuildProfile("dev")
@Path("/dev/token")
@Tag(name = "Development")
public class DevTokenResource {
    private final String signingKeyLocation;
    private final String issuer;

    public DevTokenResource(@ConfigProperty(name = "hub.dev.token-signing-key-location") String signingKeyLocation,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.signingKeyLocation = signingKeyLocation;
        this.issuer = issuer;
    }

    /** Example: /dev/token?sub=alice&org=0195...:admin&org=0196...:viewer&platform_admin=true */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueDevToken", summary = "Mint a development token (dev profile only)",
            description = "Signed with the development key pair; this endpoint does not exist outside the dev profile.")
    public Map<String, String> token(@RestQuery String sub, @RestQuery("org") List<String> orgs,
            @RestQuery("platform_admin") boolean platformAdmin) throws Exception {
        Map<String, Object> orgClaim = new LinkedHashMap<>();
        for (String entry : orgs == null ? List.<String>of() : orgs) {
            String[] parts = entry.split(":", 2);
            if (parts.length != 2 || !Ids.isUuid(parts[0])) {
                throw ApiException.badParameter("org", "each org must be <uuid>:<role>");
            }
            orgClaim.put(parts[0], parts[1]);
        }
        Set<String> groups = new HashSet<>();
        if (platformAdmin) {
            groups.add("platform-admin");
        }
        PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(Paths.get(signingKeyLocation)));
        String token = Jwt.issuer(issuer)
                .subject(sub == null || sub.isBlank() ? "dev-user" : sub)
                .claim("orgs", orgClaim)
                .groups(groups)
                .expiresIn(Duration.ofHours(12))
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(key);
        return Map.of("token", token);
    }
}
