package io.integrationshub.orgs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.common.web.Versioned;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of groups and organisations (API.md 3). */
public final class OrganisationViews {
    /** The profile fields an organisation may carry, and their length limits. */
    static final Map<String, Integer> PROFILE_FIELDS = Map.of("bio", 1000, "github", 100, "location", 100,
            "twitter", 100, "website", 500);

    private OrganisationViews() {
    }

    @Schema(name = "GroupCreate")
    public record CreateGroup(@Schema(required = true, minLength = 1, maxLength = 100) String name) {
    }

    @Schema(name = "Group")
    public record GroupView(UUID id, String name, Instant createdAt) {
        static GroupView of(Group g) {
            return new GroupView(g.id, g.name, g.createdAt);
        }
    }

    @Schema(name = "OrganisationProfile", description = "Public profile; every field is optional and nullable.")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Profile(@Schema(nullable = true, maxLength = 1000) String bio,
            @Schema(nullable = true, maxLength = 100) String github,
            @Schema(nullable = true, maxLength = 100) String location,
            @Schema(nullable = true, maxLength = 100) String twitter,
            @Schema(nullable = true, maxLength = 500, description = "http or https URL") String website) {
        static Profile of(Map<String, String> stored) {
            Map<String, String> p = stored == null ? Map.of() : stored;
            return new Profile(p.get("bio"), p.get("github"), p.get("location"), p.get("twitter"), p.get("website"));
        }

        Map<String, String> asMap() {
            Map<String, String> map = new LinkedHashMap<>();
            if (bio != null) map.put("bio", bio);
            if (github != null) map.put("github", github);
            if (location != null) map.put("location", location);
            if (twitter != null) map.put("twitter", twitter);
            if (website != null) map.put("website", website);
            return map;
        }
    }

    @Schema(name = "OrganisationCreate")
    public record CreateOrganisation(@Schema(required = true, minLength = 1, maxLength = 100) String name,
            @Schema(required = true) UUID groupId, Profile profile) {
    }

    @Schema(name = "OrganisationUpdate", description = "Only the fields given change; profile fields given replace theirs, null clears one.")
    public record UpdateOrganisation(@Schema(minLength = 1, maxLength = 100) String name,
            @Schema(implementation = Profile.class) Map<String, Object> profile) {
    }

    @Schema(name = "Organisation")
    public record OrganisationView(UUID id, String name, UUID groupId, Profile profile, Instant createdAt,
            Instant updatedAt, int version) implements Versioned {
        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id, o.name, o.groupId, Profile.of(o.profile), o.createdAt, o.updatedAt, o.version);
        }
    }

    @Schema(name = "OrganisationPage")
    public static class OrganisationPage extends PageResponse<OrganisationView> {
    }
}
