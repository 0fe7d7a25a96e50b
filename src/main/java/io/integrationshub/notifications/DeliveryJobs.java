package io.integrationshub.notifications;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.common.Times;
import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobQueue;
import io.integrationshub.jobs.api.JobTarget;
import io.integrationshub.jobs.api.JobTypes;
import io.integrationshub.jobs.api.NewJob;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code notification.deliver} jobs: one active job per delivery (its dedupe key), targeting the
 * delivery, with ids only in the payload (never the URL or a secret). Runs in the caller's transaction.
 */
@ApplicationScoped
public class DeliveryJobs {
    public static final String TARGET_TYPE = "notification_delivery";

    private final JobQueue queue;

    public DeliveryJobs(JobQueue queue) {
        this.queue = queue;
    }

    /** Enqueues the delivery's job, or returns the one already queued or running for it. */
    Uni<Job> enqueue(UUID organisationId, UUID projectId, UUID integrationId, UUID deliveryId) {
        return queue.enqueue(job(organisationId, projectId, integrationId, deliveryId));
    }

    /**
     * A new job for a delivery that has finished ({@code finishedJob} was its last). That job can still show as
     * running for a moment, because the engine writes outcomes in batches after the handler has marked the
     * delivery, so the delivery's own dedupe key would hand back that finishing job and nothing would send it
     * again. The key names the job it follows instead: two redeliveries at once still share one new job.
     */
    Uni<Job> enqueueAfter(UUID organisationId, UUID projectId, UUID integrationId, UUID deliveryId, UUID finishedJob) {
        NewJob job = job(organisationId, projectId, integrationId, deliveryId);
        return queue.enqueue(job.withDedupeKey(JobTypes.NOTIFICATION_DELIVER + ":" + deliveryId + ":after:" + finishedJob));
    }

    /**
     * A queued job waiting for a later retry runs now (a redelivery of a pending delivery, API.md 10 "sent
     * again"), and idle workers are woken on commit. A running or finished job, or one already due, is left as it is.
     * The answer shows the new run_at; the entity is detached first, so that nothing of it is flushed over the row.
     */
    Uni<Job> runNow(Job job) {
        Instant now = Times.now();
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        with moved as (
                            update jobs set run_at = :now, updated_at = :now
                            where id = :id and status = 'queued' and run_at > :now
                            returning type),
                        notified as (select pg_notify('hub_jobs', type) from moved)
                        select cast((select count(*) from moved) as integer) where (select count(*) from notified) >= 0""")
                .setParameter("id", job.id).setParameter("now", now)
                .getSingleResult()
                .map(moved -> {
                    if (((Number) moved).intValue() > 0) {
                        session.detach(job);
                        job.runAt = now;
                    }
                    return job;
                }));
    }

    /** The jobs of an event's fan-out in one statement, in the order of {@code deliveryIds}. */
    Uni<List<Job>> enqueueAll(UUID organisationId, UUID projectId, List<UUID> integrationIds, List<UUID> deliveryIds) {
        List<NewJob> all = new ArrayList<>(deliveryIds.size());
        for (int n = 0; n < deliveryIds.size(); n++) {
            all.add(job(organisationId, projectId, integrationIds.get(n), deliveryIds.get(n)));
        }
        return queue.enqueueAll(all);
    }

    private static NewJob job(UUID organisationId, UUID projectId, UUID integrationId, UUID deliveryId) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode()
                .put("delivery_id", deliveryId.toString())
                .put("notification_integration_id", integrationId.toString())
                .put("project_id", projectId.toString());
        return NewJob.of(organisationId, JobTypes.NOTIFICATION_DELIVER, new JobTarget(TARGET_TYPE, deliveryId))
                .withPayload(payload)
                .withDedupeKey(JobTypes.NOTIFICATION_DELIVER + ":" + deliveryId);
    }

    /**
     * For the project delete (API.md 9), in its transaction: deletes the project's queued deliveries and
     * asks running ones to stop. Returns how many queued jobs were deleted.
     */
    public Uni<Integer> deletePendingOfProject(UUID projectId) {
        return deletePending("project_id", projectId);
    }

    Uni<Integer> deletePendingOfIntegration(UUID integrationId) {
        return deletePending("notification_integration_id", integrationId);
    }

    private static Uni<Integer> deletePending(String payloadField, UUID id) {
        // payloadField is one of two constants above, never client input.
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        with deleted as (
                            delete from jobs where type = 'notification.deliver' and status = 'queued'
                              and payload ->> '%1$s' = :id
                            returning id),
                        flagged as (
                            update jobs set cancel_requested = true, updated_at = date_trunc('milliseconds', clock_timestamp())
                            where type = 'notification.deliver' and status = 'running' and payload ->> '%1$s' = :id
                            returning id)
                        select cast((select count(*) from deleted) as integer) + 0 * (select count(*) from flagged)""".formatted(payloadField))
                .setParameter("id", id.toString())
                .getSingleResult()
                .map(n -> ((Number) n).intValue()));
    }
}
