package io.integrationshub.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.common.openapi.ResponseSchemas;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.common.web.Versioned;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of notifications (API.md 10). */
public final class NotificationViews {
    private NotificationViews() {
    }

    @Schema(name = "NotificationEvents", description = "Which event types the integration receives. On creation, "
            + "events omitted altogether subscribe to every type; toggles omitted from a given events object are false.")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EventsView(boolean deploymentsFailed, boolean deploymentsInProgress, boolean deploymentsSucceeded,
            boolean changelog, boolean promotions, boolean servicesInAlarm, boolean servicesOk) {
        static EventsView of(JsonNode events) {
            return new EventsView(on(events, "deployments_failed"), on(events, "deployments_in_progress"),
                    on(events, "deployments_succeeded"), on(events, "changelog"), on(events, "promotions"),
                    on(events, "services_in_alarm"), on(events, "services_ok"));
        }

        private static boolean on(JsonNode events, String toggle) {
            return events != null && events.path(toggle).asBoolean(false);
        }
    }

    @Schema(name = "NotificationConfiguration")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ConfigurationView(
            @Schema(description = "Masked: scheme and host only, e.g. https://hooks.example.com/…; the URL itself is never returned",
                    example = "https://hooks.example.com/…") String url,
            @Schema(nullable = true, description = "Slack only: the channel override of the incoming webhook") String channel) {
    }

    @Schema(name = "NotificationIntegration")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NotificationIntegrationView(UUID id, UUID projectId,
            @Schema(enumeration = {"slack", "webhook"}) String type, boolean enabled, ConfigurationView configuration,
            EventsView events, Instant createdAt, Instant updatedAt, int version,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "Webhooks only, and only in the responses of creation and rotate-secret: the "
                    + "Standard Webhooks secret (whsec_ + base64 of 32 random bytes). Store it: it is never shown again.",
                    example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    extensions = @Extension(name = ResponseSchemas.OPTIONAL, value = "true")) String signingSecret) implements Versioned {
        static NotificationIntegrationView of(NotificationIntegration i, String revealedSecret) {
            return new NotificationIntegrationView(i.id, i.projectId, i.type, i.enabled,
                    new ConfigurationView(i.urlMasked, i.channel), EventsView.of(i.events), i.createdAt, i.updatedAt,
                    i.version, revealedSecret);
        }

        static NotificationIntegrationView of(NotificationIntegration i) {
            return of(i, null);
        }
    }

    @Schema(name = "NotificationIntegrationCreate")
    public record CreateRequest(@Schema(required = true, enumeration = {"slack", "webhook"}) String type,
            @Schema(defaultValue = "true") Boolean enabled,
            @Schema(required = true) ConfigurationRequest configuration, EventsRequest events) {
    }

    @Schema(name = "NotificationIntegrationUpdate", description = "Only the fields given change; configuration.url, "
            + "configuration.channel and each event toggle given replace theirs; type is immutable.")
    public record UpdateRequest(Boolean enabled, ConfigurationRequest configuration, EventsRequest events) {
    }

    @Schema(name = "NotificationConfigurationRequest")
    public record ConfigurationRequest(
            @Schema(description = "https (plain http only for hosts on the outbound allow-list); refused when it "
                    + "resolves to a loopback, private, link-local or otherwise internal address") String url,
            @Schema(nullable = true, maxLength = 80) String channel) {
    }

    @Schema(name = "NotificationEventsRequest")
    public record EventsRequest(Boolean deploymentsFailed, Boolean deploymentsInProgress, Boolean deploymentsSucceeded,
            Boolean changelog, Boolean promotions, Boolean servicesInAlarm, Boolean servicesOk) {
    }

    @Schema(name = "ProjectEventCreate")
    public record EventRequest(
            @Schema(required = true, enumeration = {"deployment.failed", "deployment.in_progress", "deployment.succeeded",
                    "changelog.published", "promotion.created", "service.alarm", "service.ok"}) String type,
            @Schema(required = true, type = SchemaType.OBJECT, description = "Required (an empty object at least); at most "
                    + "64 KiB as JSON (400 on /data above). A summary, message or title and an https url in it show in "
                    + "Slack messages.") JsonNode data,
            @Schema(format = "date-time", description = "RFC 3339; default: now") String occurredAt) {
    }

    @Schema(name = "ProjectEventDelivery")
    public record DeliverySummary(UUID id, UUID notificationIntegrationId,
            @Schema(enumeration = {"pending", "delivered", "failed"}) String status) {
    }

    @Schema(name = "ProjectEventAccepted")
    public record EventAccepted(UUID eventId, List<DeliverySummary> deliveries) {
    }

    @Schema(name = "NotificationDelivery")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DeliveryView(UUID id, UUID notificationIntegrationId, UUID eventId, String eventType,
            @Schema(enumeration = {"pending", "delivered", "failed"}) String status, int attempts,
            @Schema(nullable = true) Instant lastAttemptAt,
            @Schema(nullable = true, description = "When the next attempt runs while the delivery is pending") Instant nextAttemptAt,
            @Schema(nullable = true) Integer responseStatus,
            @Schema(nullable = true, maxLength = 1024, description = "The first 1 KiB of the last response body") String responseBodyExcerpt,
            @Schema(nullable = true) String error,
            @Schema(nullable = true, description = "The notification.deliver job running it now or last (GET /v1/jobs/{id})") UUID jobId,
            Instant createdAt) {
    }

    @Schema(name = "NotificationDeliveryAttempt")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AttemptView(UUID id, Instant attemptedAt, int durationMs, @Schema(nullable = true) Integer responseStatus,
            @Schema(nullable = true, maxLength = 1024) String responseBodyExcerpt, @Schema(nullable = true) String error) {
    }

    @Schema(name = "NotificationDeliveryDetail", description = "A delivery with its attempt log, oldest first")
    public record DeliveryDetail(DeliveryView delivery, List<AttemptView> attempts) {
    }

    @Schema(name = "NotificationRecover")
    public record RecoverRequest(@Schema(required = true, format = "date-time",
            description = "RFC 3339, at most 7 days ago: failed deliveries created since then are sent again") String since) {
    }

    @Schema(name = "NotificationRecovered")
    public record RecoverResult(int redelivered) {
    }

    @Schema(name = "NotificationIntegrationPage")
    public static class IntegrationPage extends PageResponse<NotificationIntegrationView> {
    }

    @Schema(name = "NotificationDeliveryPage")
    public static class DeliveryPage extends PageResponse<DeliveryView> {
    }
}
