package io.integrationshub.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.broker.BrokerViews.BrokerUpdate;
import io.integrationshub.broker.BrokerViews.BrokerUpdated;
import io.integrationshub.broker.BrokerViews.ProvisionalToken;
import io.integrationshub.common.Times;
import io.integrationshub.common.domain.Conflict;
import io.integrationshub.common.domain.Invalid;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.domain.FieldCheck;
import io.integrationshub.common.web.Versions;
import io.integrationshub.integrations.Integration;
import io.integrationshub.integrations.IntegrationRepository;
import io.integrationshub.integrations.IntegrationSealing;
import io.integrationshub.integrations.IntegrationViews.IntegrationView;
import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobQueue;
import io.integrationshub.jobs.api.JobTypes;
import io.integrationshub.jobs.api.NewJob;
import io.integrationshub.providers.ProviderDescriptor;
import io.integrationshub.providers.ProviderRegistry;
import io.integrationshub.providers.ProviderValidator;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Brokering an integration on and off, provisional tokens and switch requests (API.md 5). Every
 * change of a group takes the group's row lock first, then member rows, the order the switch job uses.
 */
@ApplicationScoped
public class BrokerService {
    private final IntegrationRepository integrations;
    private final IntegrationSealing sealing;
    private final BrokerRepository repository;
    private final BrokerMembership membership;
    private final ProviderRegistry providers;
    private final ProviderValidator validator;
    private final AccessControl access;
    private final AuditLog audit;
    private final JobQueue jobs;

    public BrokerService(IntegrationRepository integrations, IntegrationSealing sealing, BrokerRepository repository,
            BrokerMembership membership, ProviderRegistry providers, ProviderValidator validator, AccessControl access,
            AuditLog audit, JobQueue jobs) {
        this.integrations = integrations;
        this.sealing = sealing;
        this.repository = repository;
        this.membership = membership;
        this.providers = providers;
        this.validator = validator;
        this.access = access;
        this.audit = audit;
        this.jobs = jobs;
    }

    /** The check of every broker operation; the resource calls it before the idempotency lookup. */
    public void authorise(Caller caller, UUID organisationId) {
        access.require(caller, organisationId, Permission.ORG_INTEGRATION_EDIT);
    }

    @WithTransaction
    public Uni<BrokerUpdated> update(Caller caller, UUID organisationId, UUID integrationId, String ifMatch,
            BrokerUpdate body) {
        authorise(caller, organisationId);
        FieldCheck check = FieldCheck.of(body).required("/enabled", body.enabled());
        boolean credentialsGiven = body.credentials() != null && !body.credentials().isNull();
        if (Boolean.FALSE.equals(body.enabled()) && !credentialsGiven) {
            check.add("/credentials", "is required to disable the broker");
        }
        if (Boolean.TRUE.equals(body.enabled()) && credentialsGiven) {
            check.add("/credentials", "must not be given when enabling the broker: the broker client keeps the credentials");
        }
        check.orThrow();
        return body.enabled() ? enable(caller, organisationId, integrationId, ifMatch)
                : disable(caller, organisationId, integrationId, ifMatch, body.credentials());
    }

    private Uni<BrokerUpdated> enable(Caller caller, UUID organisationId, UUID integrationId, String ifMatch) {
        return findForUpdate(organisationId, integrationId, ifMatch).flatMap(integration -> {
            requireSupport(integration, "/enabled");
            if (integration.brokerEnabled) {
                throw new Conflict("the broker is already enabled; rotate its token with POST …/broker/provisional-token "
                        + "and POST …/broker/switch-token");
            }
            // The group first (its own flush), then one update of the integration: one version step.
            return membership.startGroup(integration).flatMap(token -> {
                boolean hadCredentials = integration.hasCredentials();
                integration.credentialsCiphertext = null;
                integration.credentialsKeyId = null;
                integration.credentialFields = List.of();
                integration.credentialsUpdatedAt = hadCredentials ? Times.now() : integration.credentialsUpdatedAt;
                integration.touch();
                return integrations.flush()
                        .call(() -> audit.record(caller, organisationId, "integration.broker_enabled", "integration",
                                integration.id, Changes.of().field("broker_enabled", false, true)
                                        .secret("credentials", hadCredentials, false).secret("broker_token", false, true)))
                        .map(v -> new BrokerUpdated(IntegrationView.of(integration), token));
            });
        });
    }

    private Uni<BrokerUpdated> disable(Caller caller, UUID organisationId, UUID integrationId, String ifMatch,
            JsonNode credentials) {
        return repository.lockGroupOf(organisationId, integrationId)
                .flatMap(groupId -> findForUpdate(organisationId, integrationId, ifMatch).flatMap(integration -> {
                    ProviderDescriptor provider = requireSupport(integration, "/enabled");
                    new FieldCheck().addAll(validator.validate(provider, ProviderValidator.CREDENTIALS, credentials)).orThrow();
                    if (!integration.brokerEnabled) {
                        throw new Conflict("the broker is not enabled; PUT …/credentials replaces the credentials");
                    }
                    if (!integration.brokerGroupId.equals(groupId)) {
                        throw new Conflict("the integration's broker changed meanwhile; retry");
                    }
                    sealing.seal(integration, credentials);
                    integration.brokerEnabled = false;
                    integration.brokerGroupId = null;
                    integration.brokerTokenHint = null;
                    integration.brokerProvisionalPending = false;
                    integration.brokerLastHeartbeatAt = null;
                    integration.touch();
                    // The others of the group keep the token; the last one out takes the group and its tokens along.
                    return integrations.flush()
                            .flatMap(v -> repository.deleteIfEmpty(groupId))
                            .call(groupDeleted -> audit.record(caller, organisationId, "integration.broker_disabled",
                                    "integration", integration.id, Changes.of().field("broker_enabled", true, false)
                                            .secret("credentials", false, true)
                                            .field("broker_group_deleted", null, groupDeleted ? true : null)))
                            .map(v -> new BrokerUpdated(IntegrationView.of(integration), null));
                }));
    }

    /** A provisional token for the integration's whole group (201), at most one pending per group. */
    @WithTransaction
    public Uni<ProvisionalToken> provision(Caller caller, UUID organisationId, UUID integrationId) {
        authorise(caller, organisationId);
        return lockedGroup(organisationId, integrationId)
                .flatMap(groupId -> repository.inState(groupId, BrokerToken.PROVISIONAL).flatMap(pending -> {
                    if (pending != null) {
                        throw new Conflict("a provisional token is already pending in this integration's broker "
                                + "group; start a broker client with it and POST …/broker/switch-token");
                    }
                    BrokerRepository.Minted minted = BrokerRepository.mint(groupId, BrokerToken.PROVISIONAL);
                    Instant now = Times.now();
                    return repository.persist(minted.row()).call(repository::flush)
                            .call(() -> repository.touchMembers(groupId, now))
                            .call(() -> auditMembers(caller, groupId, "integration.broker_token_provisioned",
                                    Changes.of().secret("provisional_broker_token", false, true)
                                            .field("provisional_token_pending", false, true)))
                            .map(saved -> new ProvisionalToken(integrationId, minted.value()));
                }));
    }

    /**
     * Enqueues the switch job (202). Concurrent requests for one group meet on the group lock and on the
     * job's dedupe key, so they answer the same job and the group switches once.
     */
    @WithTransaction
    public Uni<Job> requestSwitch(Caller caller, UUID organisationId, UUID integrationId) {
        authorise(caller, organisationId);
        return lockedGroup(organisationId, integrationId)
                .flatMap(groupId -> repository.inState(groupId, BrokerToken.PROVISIONAL).flatMap(pending -> {
                    if (pending == null) {
                        throw new Conflict("no provisional token is pending in this integration's broker group; "
                                + "POST …/broker/provisional-token first");
                    }
                    ObjectNode payload = JsonNodeFactory.instance.objectNode()
                            .put("group_id", groupId.toString()).put("provisional_id", pending.id.toString());
                    return jobs.enqueue(NewJob.of(organisationId, JobTypes.BROKER_SWITCH_TOKEN, "integration", integrationId)
                                    .withPayload(payload).withDedupeKey(JobTypes.BROKER_SWITCH_TOKEN + ":" + groupId))
                            .call(job -> audit.record(caller, organisationId, "integration.broker_switch_requested",
                                    "integration", integrationId, Changes.of().field("switch_job_id", null, job.id.toString())));
                }));
    }

    /** Writes one audit event per member of the group, each in the member's organisation. */
    Uni<Void> auditMembers(Caller caller, UUID groupId, String action, Changes changes) {
        return repository.members(groupId).flatMap(members -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Integration member : members) {
                chain = chain.call(() -> audit.record(caller, member.organisationId, action, "integration", member.id, changes));
            }
            return chain;
        });
    }

    /** The integration's broker group, locked; 404 without the integration, 409 when it is not brokered. */
    private Uni<UUID> lockedGroup(UUID organisationId, UUID integrationId) {
        return repository.lockGroupOf(organisationId, integrationId).flatMap(groupId -> groupId != null
                ? Uni.createFrom().item(groupId)
                : integrations.findInOrganisation(organisationId, integrationId).map(integration -> {
                    if (integration == null) {
                        throw new NotFound("no such integration");
                    }
                    throw new Conflict("the broker is not enabled for this integration");
                }));
    }

    private Uni<Integration> findForUpdate(UUID organisationId, UUID integrationId, String ifMatch) {
        return Versions.matching(integrations.findInOrganisationForUpdate(organisationId, integrationId),
                "no such integration", ifMatch, integration -> integration.version);
    }

    private ProviderDescriptor requireSupport(Integration integration, String pointer) {
        ProviderDescriptor provider = providers.find(integration.provider)
                .orElseThrow(() -> new IllegalStateException("stored integration has unknown provider " + integration.provider));
        if (!provider.supportsBroker()) {
            throw Invalid.of(pointer, "the " + provider.id() + " provider does not support the broker");
        }
        return provider;
    }
}
