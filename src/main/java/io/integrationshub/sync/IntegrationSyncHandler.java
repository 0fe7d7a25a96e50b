package io.integrationshub.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.common.Ids;
import io.integrationshub.integrations.Integration;
import io.integrationshub.integrations.IntegrationRepository;
import io.integrationshub.integrations.SyncSchedule;
import io.integrationshub.integrations.SyncedResource;
import io.integrationshub.integrations.SyncedResourceRepository;
import io.integrationshub.jobs.api.JobContext;
import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobOutcome;
import io.integrationshub.secrets.SecretCipher;
import io.integrationshub.secrets.SecretDecryptionException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs integration.sync jobs: asks the provider's adapter what the stored credentials can see, then
 * in one transaction upserts those resources, removes the ones no longer returned and records the
 * integration's status. No database transaction is held open while the provider is called.
 *
 * <p>Clocks: the status change is a change of the integration, made through the entity like every other
 * ({@link Integration#touch()}: updated_at and last_synced_at from the application clock, version by
 * {@code @Version}); the resources' seen-at times come from the database's clock
 * ({@link SyncedResourceRepository#replaceWithSeen}).
 */
@ApplicationScoped
public class IntegrationSyncHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(IntegrationSyncHandler.class);

    private final IntegrationRepository integrations;
    private final SyncedResourceRepository resources;
    private final SyncAdapters adapters;
    private final SecretCipher cipher;
    private final ObjectMapper json;
    private final SyncConfig config;

    public IntegrationSyncHandler(IntegrationRepository integrations, SyncedResourceRepository resources,
            SyncAdapters adapters, SecretCipher cipher, ObjectMapper json, SyncConfig config) {
        this.config = config;
        this.integrations = integrations;
        this.resources = resources;
        this.adapters = adapters;
        this.cipher = cipher;
        this.json = json;
    }

    @Override
    public String type() {
        return SyncService.JOB_TYPE;
    }

    @Override
    public Duration timeout() {
        return Duration.ofMinutes(10);
    }

    @Override
    public Uni<JobOutcome> run(JobContext context) {
        return Panache.withSession(() -> integrations.findById(context.targetId())).flatMap(integration -> {
            if (integration == null) {
                return Uni.createFrom().item(JobOutcome.failed("integration_not_found", "the integration was deleted"));
            }
            if (!integration.enabled) {
                return Uni.createFrom().item(JobOutcome.failed("integration_disabled", "the integration is not enabled"));
            }
            SyncAdapter adapter = adapters.forProvider(integration.provider).orElse(null);
            if (adapter == null) {
                return Uni.createFrom().item(JobOutcome.failed("sync_not_supported",
                        "the " + integration.provider + " provider does not support sync"));
            }
            String cannotSync = adapter.cannotSync(integration.configuration);
            if (cannotSync != null) {
                // Requested before the configuration changed, or scheduled: POST .../sync refuses the same at once.
                return recordFailure(context, integration.id, cannotSync, true)
                        .replaceWith(JobOutcome.failed("nothing_to_sync", cannotSync));
            }
            if (!integration.hasCredentials()) {
                return recordFailure(context, integration.id, "the integration has no credentials", false)
                        .replaceWith(JobOutcome.failed("credentials_missing", "the integration has no credentials"));
            }
            Map<String, String> credentials;
            try {
                credentials = cipher.openJson(integration.credentialsCiphertext, Integration.CREDENTIALS_CONTEXT,
                        integration.id);
            } catch (SecretDecryptionException unreadable) {
                // No retry opens them: their key left the keyset (docs/secrets.md). Only new credentials help.
                String message = "the stored credentials cannot be decrypted with the service's keyset; PUT them again";
                return recordFailure(context, integration.id, message, true)
                        .replaceWith(JobOutcome.failed("credentials_unreadable", message));
            }
            return adapter.discover(new SyncSource(integration.organisationId, integration.provider,
                            integration.configuration, credentials))
                    .flatMap(found -> store(context, integration.id, found))
                    .onFailure(ProviderFailure.class).recoverWithUni(failure -> outcomeOf(context, (ProviderFailure) failure));
        }).onFailure(failure -> !(failure instanceof ProviderFailure)).call(failure -> context.isLastAttempt()
                // The engine fails the job (handler_error); the integration says so too (API.md 7), without the
                // exception's message, which may quote what the provider sent.
                ? recordFailure(context, context.targetId(), "the sync failed unexpectedly ("
                        + failure.getClass().getSimpleName() + ")", false).onFailure().recoverWithNull()
                : Uni.createFrom().voidItem());
    }

    private Uni<JobOutcome> outcomeOf(JobContext context, ProviderFailure failure) {
        UUID integrationId = context.targetId();
        return switch (failure.kind()) {
            case RATE_LIMITED -> rateLimited(context, failure);
            case TRANSIENT -> (context.isLastAttempt() ? recordFailure(context, integrationId, failure.getMessage(), false)
                    : Uni.createFrom().voidItem())
                    .replaceWith(JobOutcome.retry(failure.code(), failure.getMessage()));
            case AUTH -> recordFailure(context, integrationId, failure.getMessage(), true)
                    .replaceWith(JobOutcome.failed(failure.code(), failure.getMessage()));
            case PERMANENT -> recordFailure(context, integrationId, failure.getMessage(), false)
                    .replaceWith(JobOutcome.failed(failure.code(), failure.getMessage()));
        };
    }

    /**
     * Parks the job until the provider allows the next call, without using up an attempt (API.md 7). A wait longer
     * than hub.sync.max-rate-limit-wait fails the job instead, and so does one more wait of a job that has already
     * waited that long since it was enqueued: a provider that keeps answering 429 without saying until when does
     * not keep the job queued for ever.
     */
    private Uni<JobOutcome> rateLimited(JobContext context, ProviderFailure failure) {
        Instant now = Instant.now();
        Instant when = failure.retryAt() != null ? failure.retryAt() : now.plus(config.defaultRateLimitWait());
        boolean waitedEnough = context.createdAt() != null
                && Duration.between(context.createdAt(), now).compareTo(config.maxRateLimitWait()) >= 0;
        if (waitedEnough || Duration.between(now, when).compareTo(config.maxRateLimitWait()) > 0) {
            String message = failure.getMessage() + (waitedEnough
                    ? "; the sync has waited for the provider's rate limit longer than the longest wait ("
                            + config.maxRateLimitWait() + ") since it was requested"
                    : "; the provider allows the next call at " + when.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            + ", later than the longest wait (" + config.maxRateLimitWait() + ")");
            return recordFailure(context, context.targetId(), message, false)
                    .replaceWith(JobOutcome.failed(failure.code(), message));
        }
        return Uni.createFrom().item(JobOutcome.rescheduleAt(when, failure.getMessage()));
    }

    /** Upserts what was found and removes what vanished, atomically with the integration's status. */
    private Uni<JobOutcome> store(JobContext context, UUID integrationId, List<DiscoveredResource> found) {
        List<SyncedResource> seen = new ArrayList<>(found.size());
        for (DiscoveredResource resource : found) {
            SyncedResource row = new SyncedResource();
            row.id = Ids.newId();
            row.kind = resource.kind();
            row.externalId = resource.externalId();
            row.name = resource.name() == null ? resource.externalId() : resource.name();
            row.url = resource.url();
            row.metadata = resource.metadata();
            seen.add(row);
        }
        return Panache.withTransaction(() -> lock(integrationId).flatMap(integration -> {
            if (integration == null) {
                return Uni.createFrom().item(JobOutcome.failed("integration_not_found", "the integration was deleted"));
            }
            return resources.replaceWithSeen(integrationId, seen).map(removed -> {
                integration.touch();
                integration.statusHealth = "healthy";
                // The sync's time is the change's time; the next scheduled one is an interval later (API.md 4.2).
                integration.lastSyncedAt = integration.updatedAt;
                integration.lastSyncJobId = context.jobId();
                integration.lastError = null;
                integration.nextSyncAt = SyncSchedule.nextAfterSync(integration, integration.lastSyncedAt);
                ObjectNode result = json.createObjectNode();
                result.put("resources", found.size());
                result.put("removed", removed);
                return JobOutcome.succeeded(result);
            });
        }));
    }

    /** Records a failed sync; refused credentials ({@code pause}) stop the schedule until the integration is changed. */
    private Uni<Void> recordFailure(JobContext context, UUID integrationId, String message, boolean pause) {
        LOG.infof("sync of integration %s failed: %s", integrationId, message);
        return Panache.withTransaction(() -> lock(integrationId).invoke(integration -> {
            if (integration == null) {
                return;
            }
            integration.touch();
            integration.statusHealth = "failing";
            integration.lastSyncJobId = context.jobId();
            integration.lastError = message;
            if (pause) {
                integration.nextSyncAt = null; // re-armed by IntegrationService when the integration is changed
            }
        })).replaceWithVoid();
    }

    /** The integration, its row locked until the transaction ends; null when it was deleted. */
    private static Uni<Integration> lock(UUID integrationId) {
        return Panache.getSession().flatMap(session -> session.find(Integration.class, integrationId, LockModeType.PESSIMISTIC_WRITE));
    }
}
