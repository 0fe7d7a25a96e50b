package io.integrationshub.sync;

import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.common.domain.Conflict;
import io.integrationshub.common.domain.Invalid;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.integrations.IntegrationRepository;
import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobQueue;
import io.integrationshub.jobs.api.NewJob;
import io.integrationshub.providers.ProviderRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Starts syncs: one queued-or-running sync per integration, enqueued in the request's transaction. */
@ApplicationScoped
public class SyncService {
    public static final String JOB_TYPE = "integration.sync";

    private final IntegrationRepository integrations;
    private final ProviderRegistry providers;
    private final JobQueue jobs;
    private final AccessControl access;
    private final AuditLog audit;
    private final SyncAdapters adapters;

    public SyncService(IntegrationRepository integrations, ProviderRegistry providers, JobQueue jobs, AccessControl access,
            AuditLog audit, SyncAdapters adapters) {
        this.adapters = adapters;
        this.audit = audit;
        this.integrations = integrations;
        this.providers = providers;
        this.jobs = jobs;
        this.access = access;
    }

    /** The check of start; the resource calls it before the idempotency lookup. */
    public void authorise(Caller caller, UUID organisationId) {
        access.require(caller, organisationId, Permission.ORG_INTEGRATION_EDIT);
    }

    /** The new sync job, or the one already queued or running for this integration. */
    @WithTransaction
    public Uni<Job> start(Caller caller, UUID organisationId, UUID integrationId) {
        authorise(caller, organisationId);
        // Locked so that a concurrent delete or disable either sees this job (and removes it) or runs first.
        return integrations.findInOrganisationForUpdate(organisationId, integrationId).flatMap(integration -> {
            if (integration == null) {
                return Uni.createFrom().failure(new NotFound("no such integration"));
            }
            if (!integration.enabled) {
                return Uni.createFrom().failure(Invalid.because(
                        "the integration is not enabled; enable it before syncing"));
            }
            boolean syncable = providers.find(integration.provider).map(p -> p.supportsSync()).orElse(false);
            if (!syncable) {
                return Uni.createFrom().failure(Invalid.because(
                        "the " + integration.provider + " provider does not support sync"));
            }
            String cannotSync = adapters.forProvider(integration.provider)
                    .map(adapter -> adapter.cannotSync(integration.configuration)).orElse(null);
            if (cannotSync != null) {
                return Uni.createFrom().failure(Invalid.because(
                        cannotSync));
            }
            if (integration.brokerEnabled) {
                // Its credentials live in the customer's broker client (API.md 5): the hub cannot call the provider.
                return Uni.createFrom().failure(new Conflict(
                        "a brokered integration keeps its credentials in its broker client, so the hub cannot sync it; "
                                + "disable the broker (PUT .../broker with credentials) to sync it here"));
            }
            if (!integration.hasCredentials()) {
                return Uni.createFrom().failure(Invalid.because(
                        "the integration has no credentials; PUT them before syncing"));
            }
            return jobs.enqueue(NewJob.of(organisationId, JOB_TYPE, "integration", integrationId)
                            .withDedupeKey(JOB_TYPE + ":" + integrationId))
                    .call(job -> audit.record(caller, organisationId, "integration.sync_requested", "integration",
                            integrationId, Changes.of().field("sync_job_id", null, job.id.toString())));
        });
    }
}
