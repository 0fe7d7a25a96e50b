package io.integrationshub.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.integrationshub.common.page.PageResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public final class AuditViews {
    private AuditViews() {
    }

    @Schema(name = "AuditActor")
    public record Actor(@Schema(enumeration = {"user", "api_token", "broker", "system"}) String type, String id) {
    }

    @Schema(name = "AuditTarget")
    public record Target(String type, String id) {
    }

    @Schema(name = "AuditEvent")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AuditEventView(UUID id, UUID organisationId, Actor actor, String action, Target target,
            @Schema(description = "{field: {from, to}}; secrets show as \"[redacted]\"") Map<String, Object> changes,
            @Schema(nullable = true) String requestId, Instant createdAt) {
        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(e.id, e.organisationId, new Actor(e.actorType, e.actorId), e.action,
                    new Target(e.targetType, e.targetId), e.changes, e.requestId, e.createdAt);
        }
    }

    @Schema(name = "AuditEventPage")
    public static class AuditEventPage extends PageResponse<AuditEventView> {
    }
}
