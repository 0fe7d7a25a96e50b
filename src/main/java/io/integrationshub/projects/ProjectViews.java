package io.integrationshub.projects;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.common.web.Versioned;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of projects and their collaborators (API.md 9). */
public final class ProjectViews {
    /** repo_id and default_environment_id: a base58 id of 22 characters, a UUID, or 32 hex digits. */
    public static final String EXTERNAL_ID_PATTERN = "(^[1-9A-HJ-NP-Za-km-z]{22}$)|(^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)|(^[0-9a-f]{32}$)";
    public static final String ICON_PATTERN = "^(icon|emoji|url):(.+)$";

    private ProjectViews() {
    }

    @Schema(name = "ProjectWrite", description = "The whole project: on PUT, optional fields left out become null.")
    public record ProjectWrite(
            @Schema(required = true, minLength = 1, maxLength = 100) String name,
            @Schema(maxLength = 1000, nullable = true) String description,
            @Schema(pattern = ICON_PATTERN, nullable = true, example = "emoji:rocket") String icon,
            @Schema(pattern = EXTERNAL_ID_PATTERN, nullable = true) String repoId,
            @Schema(pattern = EXTERNAL_ID_PATTERN, nullable = true) String defaultEnvironmentId) {
    }

    @Schema(name = "Project")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProjectView(UUID id, UUID organisationId, String name, @Schema(nullable = true) String description,
            @Schema(nullable = true) String icon, @Schema(nullable = true) String repoId,
            @Schema(nullable = true) String defaultEnvironmentId,
            @Schema(enumeration = {"connected", "disconnected", "disconnecting"},
                    description = "A new project is disconnected; connect and disconnect move it") String cloudConnection,
            Instant createdAt, Instant updatedAt, int version) implements Versioned {
        public static ProjectView of(Project p) {
            return new ProjectView(p.id, p.organisationId, p.name, p.description, p.icon, p.repoId,
                    p.defaultEnvironmentId, p.cloudConnection, p.createdAt, p.updatedAt, p.version);
        }
    }

    @Schema(name = "ProjectPage")
    public static class ProjectPage extends PageResponse<ProjectView> {
    }

    @Schema(name = "CollaboratorsAdd")
    public record AddCollaborators(
            @Schema(required = true, minItems = 1, maxItems = 100, description = "Member ids: the sub claim of each member's token")
            List<String> memberIds,
            @Schema(required = true, enumeration = {"owner", "contributor", "viewer"}) String role) {
    }

    @Schema(name = "CollaboratorUpdate")
    public record UpdateCollaborator(@Schema(required = true, enumeration = {"owner", "contributor", "viewer"}) String role) {
    }

    @Schema(name = "Collaborator", description = "name, display_name and avatar come from the member's own token claims "
            + "(name, preferred_username, picture) and are null until the member has called the service")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CollaboratorView(String accountId, UUID projectId, @Schema(nullable = true) String name,
            @Schema(nullable = true) String displayName, @Schema(nullable = true) String avatar,
            @Schema(enumeration = {"owner", "contributor", "viewer"}) String role, Instant createdAt) {
        public static CollaboratorView of(ProjectCollaborator c) {
            return new CollaboratorView(c.accountId, c.projectId, c.name, c.displayName, c.avatar, c.role, c.createdAt);
        }
    }

    @Schema(name = "CollaboratorList", description = "The collaborators added")
    public record CollaboratorList(List<CollaboratorView> data) {
    }

    @Schema(name = "CollaboratorPage")
    public static class CollaboratorPage extends PageResponse<CollaboratorView> {
    }
}
