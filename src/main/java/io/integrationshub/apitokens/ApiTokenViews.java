package io.integrationshub.apitokens;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.integrationshub.common.page.PageResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class ApiTokenViews {
    private ApiTokenViews() {
    }

    @Schema(name = "ApiTokenCreate", description = "Give exactly one of role or permissions.")
    public record CreateApiToken(@Schema(required = true, minLength = 1, maxLength = 100) String name,
            @Schema(enumeration = {"owner", "admin", "member", "viewer"}) String role,
            @Schema(description = "Organisation permission names", example = "[\"org.integration.read\"]") List<String> permissions,
            @Schema(description = "RFC 3339; must be in the future") OffsetDateTime expiresAt) {
    }

    @Schema(name = "ApiToken")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ApiTokenView(UUID id, UUID organisationId, String name, @Schema(nullable = true) String role,
            @Schema(nullable = true) List<String> permissions,
            @Schema(description = "Last 4 characters of the token") String tokenHint,
            @Schema(nullable = true) Instant expiresAt, String createdBy, Instant createdAt) {
        static ApiTokenView of(ApiToken t) {
            return new ApiTokenView(t.id, t.organisationId, t.name, t.role, t.permissions, t.tokenHint, t.expiresAt,
                    t.createdBy, t.createdAt);
        }
    }

    @Schema(name = "ApiTokenCreated", description = "The new token; `token` is shown only in this response.")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CreatedApiToken(UUID id, UUID organisationId, String name, @Schema(nullable = true) String role,
            @Schema(nullable = true) List<String> permissions, String tokenHint, @Schema(nullable = true) Instant expiresAt,
            String createdBy, Instant createdAt,
            @Schema(description = "iht_ followed by 32 random bytes in base64url; shown once") String token) {
        static CreatedApiToken of(ApiToken t, String token) {
            return new CreatedApiToken(t.id, t.organisationId, t.name, t.role, t.permissions, t.tokenHint, t.expiresAt,
                    t.createdBy, t.createdAt, token);
        }
    }

    @Schema(name = "ApiTokenPage")
    public static class ApiTokenPage extends PageResponse<ApiTokenView> {
    }
}
