package io.integrationshub.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.auth.Caller;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.integrationshub.common.domain.Conflict;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.jobs.api.Job;
import io.integrationshub.notifications.NotificationViews.DeliveryDetail;
import io.integrationshub.notifications.NotificationViews.DeliverySummary;
import io.integrationshub.notifications.NotificationViews.DeliveryView;
import io.integrationshub.notifications.NotificationViews.EventAccepted;
import io.integrationshub.projects.Project;
import io.integrationshub.projects.ProjectAccess;
import io.integrationshub.projects.ProjectRight;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events, their deliveries, redelivery and recovery (API.md 10). Deliveries run as notification.deliver jobs. */
@ApplicationScoped
public class DeliveryService {
    static final String DISABLED = "the notification integration is disabled, so nothing would be sent; "
            + "enable it (PATCH enabled: true) first";
    static final String EVENT_TARGET = "notification_event";
    static final String EVENT_PUBLISHED = "notification_event.published";

    /** A delivery just created or sent again, with the job that runs it. */
    public record Started(DeliveryView delivery, Job job) {
    }

    private final NotificationService integrations;
    private final DeliveryRepository deliveries;
    private final DeliveryStore store;
    private final NotificationIntegrationRepository integrationRows;
    private final ProjectAccess projects;
    private final DeliveryJobs jobs;
    private final AuditLog audit;
    private final ObjectMapper json;

    public DeliveryService(NotificationService integrations, DeliveryRepository deliveries, DeliveryStore store,
            NotificationIntegrationRepository integrationRows, ProjectAccess projects, DeliveryJobs jobs, AuditLog audit,
            ObjectMapper json) {
        this.integrations = integrations;
        this.deliveries = deliveries;
        this.store = store;
        this.integrationRows = integrationRows;
        this.projects = projects;
        this.jobs = jobs;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Stores the event and, in the same transaction, one delivery job per enabled integration whose toggle is on
     * and its audit entry (API.md 8): the type and the number of deliveries, never the data (up to 64 KiB).
     */
    @WithTransaction
    public Uni<EventAccepted> publish(Caller caller, UUID projectId, JsonNode body) {
        return projects.require(caller, projectId, ProjectRight.EDIT).flatMap(project -> {
            EventRequests.Event event = EventRequests.event(body, json);
            String toggle = EventTypes.toggleOf(event.type()).orElseThrow();
            return insertEvent(project, event)
                    .flatMap(eventId -> integrationRows.subscribers(projectId, toggle)
                            .flatMap(subscribers -> fanOut(project, eventId, event.type(), subscribers))
                            .call(list -> audit.record(caller, project.organisationId, EVENT_PUBLISHED, EVENT_TARGET, eventId,
                                    Changes.of().field("type", null, event.type()).field("project_id", null, project.id.toString())
                                            .field("deliveries", null, list.size())))
                            .map(list -> new EventAccepted(eventId, list)));
        });
    }

    /** A {@code ping} delivery to one integration, disabled or not, to check its endpoint. */
    @WithTransaction
    public Uni<Started> test(Caller caller, UUID projectId, UUID integrationId) {
        return requireIntegration(caller, projectId, integrationId, ProjectRight.EDIT)
                .flatMap(project -> insertEvent(project, new EventRequests.Event(EventTypes.PING, JsonNodeFactory.instance.objectNode()
                                .put("message", "Test notification from Integrations Hub"), Times.now(), 0))
                        .flatMap(eventId -> createDelivery(project, integrationId, eventId, EventTypes.PING))
                        .call(started -> audit.record(caller, project.organisationId, "notification_integration.tested",
                                NotificationService.TARGET, integrationId,
                                Changes.of().field("delivery_id", null, started.delivery().id().toString()))));
    }

    /**
     * Sends a delivery again with the same webhook-id. A pending delivery keeps its job, which runs now rather
     * than at its scheduled retry. A disabled integration sends nothing but pings, so anything else is 409.
     */
    @WithTransaction
    public Uni<Started> redeliver(Caller caller, UUID projectId, UUID integrationId, UUID deliveryId) {
        return projects.require(caller, projectId, ProjectRight.EDIT)
                .flatMap(project -> integrations.find(projectId, integrationId)
                        .flatMap(integration -> deliveries.findForUpdate(integrationId, deliveryId)
                        .onItem().ifNull().failWith(() -> new NotFound("no such delivery"))
                        .flatMap(d -> {
                            if (!integration.enabled && !EventTypes.PING.equals(d.eventType)) {
                                return Uni.createFrom().failure(new Conflict(DISABLED));
                            }
                            String before = d.status;
                            return restart(project, d)
                                    .call(job -> jobs.runNow(job))
                                    .call(job -> audit.record(caller, project.organisationId,
                                            "notification_delivery.redelivered", "notification_delivery", d.id,
                                            Changes.of().field("status", before, d.status).field("job_id", null, job.id.toString())))
                                    .map(job -> new Started(view(d, job), job));
                        })));
    }

    /**
     * Every failed delivery of the integration created since {@code since} (at most 7 days ago) is sent again;
     * 409 on a disabled integration, which would send none of them.
     */
    @WithTransaction
    public Uni<Integer> recover(Caller caller, UUID projectId, UUID integrationId, JsonNode body) {
        return projects.require(caller, projectId, ProjectRight.EDIT).flatMap(project -> {
            Instant since = EventRequests.since(body);
            return integrations.find(projectId, integrationId)
                    .invoke(i -> {
                        if (!i.enabled) {
                            throw new Conflict(DISABLED);
                        }
                    })
                    .flatMap(i -> deliveries.failedSince(integrationId, since))
                    .flatMap(failed -> Multi.createFrom().iterable(failed)
                            .onItem().transformToUniAndConcatenate(d -> restart(project, d))
                            .collect().asList())
                    .call(started -> audit.record(caller, project.organisationId, "notification_integration.recovered",
                            NotificationService.TARGET, integrationId, Changes.of()
                                    .field("since", null, since.toString()).field("redelivered", null, started.size())))
                    .map(List::size);
        });
    }

    @WithSession
    public Uni<PageResponse<DeliveryView>> list(Caller caller, UUID projectId, UUID integrationId, PageRequest page) {
        return requireIntegration(caller, projectId, integrationId, ProjectRight.READ)
                .flatMap(project -> store.page(integrationId, page))
                .map(rows -> PageResponse.of(page, rows, DeliveryView::createdAt, DeliveryView::id, v -> v));
    }

    @WithSession
    public Uni<DeliveryDetail> get(Caller caller, UUID projectId, UUID integrationId, UUID deliveryId) {
        return requireIntegration(caller, projectId, integrationId, ProjectRight.READ)
                .flatMap(project -> store.view(integrationId, deliveryId))
                .onItem().ifNull().failWith(() -> new NotFound("no such delivery"))
                .flatMap(view -> store.attempts(deliveryId).map(attempts -> new DeliveryDetail(view, attempts)));
    }

    /** The project, when the caller holds {@code right} on it and it has the notification integration; else 404 or 403. */
    private Uni<Project> requireIntegration(Caller caller, UUID projectId, UUID integrationId, ProjectRight right) {
        return projects.require(caller, projectId, right).call(project -> integrations.find(projectId, integrationId));
    }

    private Uni<Job> restart(Project project, NotificationDelivery d) {
        Uni<Job> enqueued = NotificationDelivery.PENDING.equals(d.status) || d.jobId == null
                ? jobs.enqueue(project.organisationId, project.id, d.notificationIntegrationId, d.id)
                : jobs.enqueueAfter(project.organisationId, project.id, d.notificationIntegrationId, d.id, d.jobId);
        return enqueued.invoke(job -> {
            if (!job.id.equals(d.jobId) || !NotificationDelivery.PENDING.equals(d.status)) {
                d.status = NotificationDelivery.PENDING;
                d.jobId = job.id;
                d.updatedAt = Times.now();
            }
        }).call(job -> deliveries.flush());
    }

    /** One job per subscriber in one statement, then every delivery row in one statement. */
    private Uni<List<DeliverySummary>> fanOut(Project project, UUID eventId, String eventType,
            List<UUID> subscribers) {
        if (subscribers.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = subscribers.stream().map(i -> Ids.newId()).toList();
        return jobs.enqueueAll(project.organisationId, project.id, subscribers, ids)
                .flatMap(started -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                                insert into notification_deliveries (id, project_id, notification_integration_id, event_id,
                                                                     event_type, status, attempts, job_id, created_at, updated_at)
                                select d.id, :project, d.integration_id, :event, :type, 'pending', 0, d.job_id, :now, :now
                                from unnest(cast(string_to_array(:ids, ',') as uuid[]),
                                            cast(string_to_array(:integrations, ',') as uuid[]),
                                            cast(string_to_array(:jobs, ',') as uuid[])) as d(id, integration_id, job_id)""")
                        .setParameter("project", project.id).setParameter("event", eventId).setParameter("type", eventType)
                        .setParameter("now", Times.now())
                        .setParameter("ids", joined(ids))
                        .setParameter("integrations", joined(subscribers))
                        .setParameter("jobs", joined(started.stream().map(job -> job.id).toList()))
                        .executeUpdate()))
                .map(inserted -> {
                    List<DeliverySummary> summaries = new java.util.ArrayList<>();
                    for (int n = 0; n < subscribers.size(); n++) {
                        summaries.add(new DeliverySummary(ids.get(n), subscribers.get(n), NotificationDelivery.PENDING));
                    }
                    return summaries;
                });
    }

    private static String joined(List<UUID> ids) {
        return String.join(",", ids.stream().map(UUID::toString).toList());
    }

    private Uni<Started> createDelivery(Project project, UUID integrationId, UUID eventId, String eventType) {
        UUID deliveryId = Ids.newId();
        return jobs.enqueue(project.organisationId, project.id, integrationId, deliveryId).flatMap(job -> {
            NotificationDelivery d = new NotificationDelivery();
            d.id = deliveryId;
            d.projectId = project.id;
            d.notificationIntegrationId = integrationId;
            d.eventId = eventId;
            d.eventType = eventType;
            d.status = NotificationDelivery.PENDING;
            d.jobId = job.id;
            d.createdAt = Times.now();
            d.updatedAt = d.createdAt;
            return deliveries.persist(d).map(saved -> new Started(view(saved, job), job));
        });
    }

    private static DeliveryView view(NotificationDelivery d, Job job) {
        return new DeliveryView(d.id, d.notificationIntegrationId, d.eventId, d.eventType, d.status, d.attempts,
                d.lastAttemptAt, job.runAt, d.responseStatus, d.responseBodyExcerpt, d.error, job.id, d.createdAt);
    }

    private Uni<UUID> insertEvent(Project project, EventRequests.Event event) {
        UUID id = Ids.newId();
        String data;
        try {
            data = json.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into notification_events (id, project_id, organisation_id, type, data, occurred_at, created_at) "
                                + "values (:id, :project, :org, :type, cast(cast(:data as text) as jsonb), :occurred, :created)")
                .setParameter("id", id).setParameter("project", project.id).setParameter("org", project.organisationId)
                .setParameter("type", event.type()).setParameter("data", data)
                .setParameter("occurred", event.occurredAt()).setParameter("created", Times.now())
                .executeUpdate()).replaceWith(id);
    }
}
