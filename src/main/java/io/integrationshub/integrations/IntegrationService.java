package io.integrationshub.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.broker.BrokerMembership;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.integrationshub.common.db.HardDelete;
import io.integrationshub.common.domain.Conflict;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.common.domain.FieldCheck;
import io.integrationshub.integrations.IntegrationViews.ConfigurationView;
import io.integrationshub.integrations.IntegrationViews.CreateIntegration;
import io.integrationshub.integrations.IntegrationViews.CreatedView;
import io.integrationshub.integrations.IntegrationViews.IntegrationView;
import io.integrationshub.integrations.IntegrationViews.SyncedResourceView;
import io.integrationshub.integrations.IntegrationViews.SettingsView;
import io.integrationshub.integrations.IntegrationViews.UpdateIntegration;
import io.integrationshub.jobs.api.JobQueue;
import io.integrationshub.orgs.OrganisationService;
import io.integrationshub.providers.ProviderDescriptor;
import io.integrationshub.providers.ProviderRegistry;
import io.integrationshub.providers.ProviderValidator;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/** Integrations of an organisation (API.md 4.3): validated per provider, credentials sealed per row. */
// On every request's path: a @Singleton is injected as itself, with no client proxy to look it up per call.
@Singleton
public class IntegrationService {
    private final IntegrationRepository integrations;
    private final SyncedResourceRepository resources;
    private final OrganisationService organisations;
    private final ProviderRegistry providers;
    private final ProviderValidator validator;
    private final IntegrationWrites writes;
    private final IntegrationSealing sealing;
    private final AccessControl access;
    private final AuditLog audit;
    private final JobQueue jobs;
    private final BrokerMembership broker;

    public IntegrationService(IntegrationRepository integrations, SyncedResourceRepository resources,
            OrganisationService organisations, ProviderRegistry providers, ProviderValidator validator,
            IntegrationWrites writes, IntegrationSealing sealing, AccessControl access, AuditLog audit, JobQueue jobs, BrokerMembership broker) {
        this.jobs = jobs;
        this.broker = broker;
        this.integrations = integrations;
        this.resources = resources;
        this.organisations = organisations;
        this.providers = providers;
        this.validator = validator;
        this.writes = writes;
        this.sealing = sealing;
        this.access = access;
        this.audit = audit;
    }

    /**
     * The permission check of every operation here; resources call it first where it must come before the
     * Idempotency-Key lookup or query parsing.
     */
    public void authorise(Caller caller, UUID organisationId, boolean edit) {
        access.require(caller, organisationId, edit ? Permission.ORG_INTEGRATION_EDIT : Permission.ORG_INTEGRATION_READ);
    }

    @WithTransaction
    public Uni<CreatedView> create(Caller caller, UUID organisationId, CreateIntegration body) {
        authorise(caller, organisationId, true);
        FieldCheck check = FieldCheck.of(body).required("/provider", body.provider())
                .text("/profile_name", body.profileName(), false, 100);
        ProviderDescriptor provider = body.provider() == null ? null : providers.find(body.provider()).orElse(null);
        if (body.provider() != null && provider == null) {
            check.add("/provider", "is not a known provider; see GET /v1/providers");
        }
        if (body.broker() != null && body.broker().enabled() == null) {
            check.add("/broker/enabled", "is required");
        }
        boolean brokered = body.broker() != null && Boolean.TRUE.equals(body.broker().enabled());
        check.orThrow();
        String itemType = body.itemType() == null ? provider.defaultItemType() : body.itemType();
        if (!provider.itemTypes().contains(itemType)) {
            check.add("/item_type", "must be one of " + String.join(", ", provider.itemTypes()));
        }
        JsonNode configuration = objectOrEmpty(check, "/configuration", body.configuration());
        JsonNode settings = objectOrEmpty(check, "/settings", body.settings());
        check.addAll(validator.validate(provider, "configuration", configuration));
        check.addAll(validator.validate(provider, "settings", settings));
        if (brokered) {
            broker.checkCreation(check, provider, body.credentials());
        } else if (body.credentials() == null || body.credentials().isNull()) {
            check.add("/credentials", "is required unless the broker is enabled");
        } else {
            check.addAll(validator.validate(provider, "credentials", body.credentials()));
        }
        SyncSchedule.check(check, "/sync_interval_minutes", body.syncIntervalMinutes(), provider);
        check.orThrow();

        Integration integration = new Integration();
        integration.id = Ids.newId();
        integration.organisationId = organisationId;
        integration.provider = provider.id();
        integration.profileName = body.profileName() == null ? null : body.profileName().trim();
        integration.itemType = itemType;
        integration.enabled = body.enabled() == null || body.enabled();
        integration.configuration = validator.withConfigurationDefaults(provider, configuration);
        integration.settings = validator.withSettingsDefaults(provider, settings);
        integration.statusHealth = "unknown";
        integration.createdAt = Times.now();
        integration.updatedAt = integration.createdAt;
        integration.version = 1;
        if (brokered) {
            integration.credentialFields = List.of();
        } else {
            sealing.seal(integration, body.credentials());
            integration.credentialsUpdatedAt = integration.createdAt;
        }
        integration.syncIntervalMinutes = body.syncIntervalMinutes();
        SyncSchedule.arm(integration);
        return organisations.requireExisting(organisationId)
                .flatMap(org -> integration.profileName != null ? Uni.createFrom().item(integration)
                        : defaultProfileName(integration, provider))
                // A brokered integration starts its own broker group; the token is shown in this response only.
                .flatMap(i -> brokered ? broker.startGroup(i) : Uni.createFrom().item((String) null))
                .flatMap(token -> writes.insert(integration)
                        .call(saved -> audit.record(caller, organisationId, "integration.created", "integration", saved.id,
                                brokered ? BrokerMembership.withBroker(IntegrationWrites.creationChanges(saved)) : IntegrationWrites.creationChanges(saved)))
                        .map(saved -> new CreatedView(IntegrationView.of(saved), token)));
    }

    /** A plain read: detached rows from one prepared statement, no Hibernate session (see IntegrationRows). */
    public Uni<PageResponse<IntegrationView>> list(Caller caller, UUID organisationId, String provider, Boolean enabled,
            PageRequest page) {
        access.require(caller, organisationId, Permission.ORG_INTEGRATION_READ);
        return integrations.readPage(organisationId, provider, enabled, page)
                .map(rows -> rows.orElseThrow(() -> new NotFound("no such organisation")))
                .map(rows -> PageResponse.of(page, rows, i -> i.createdAt, i -> i.id, IntegrationView::of));
    }

    /** A plain read: one prepared statement, no Hibernate session. */
    public Uni<IntegrationView> get(Caller caller, UUID organisationId, UUID integrationId) {
        access.require(caller, organisationId, Permission.ORG_INTEGRATION_READ);
        return integrations.readInOrganisation(organisationId, integrationId)
                .onItem().ifNull().failWith(() -> new NotFound("no such integration"))
                .map(IntegrationView::of);
    }

    @WithTransaction
    public Uni<IntegrationView> update(Caller caller, UUID organisationId, UUID integrationId, String ifMatch,
            ObjectNode patch) {
        access.require(caller, organisationId, Permission.ORG_INTEGRATION_EDIT);
        UpdateIntegration body = IntegrationPatch.parse(patch);
        return writes.findForUpdate(organisationId, integrationId, ifMatch).flatMap(integration -> {
            ProviderDescriptor provider = writes.descriptorOf(integration);
            FieldCheck check = FieldCheck.of(body).text("/profile_name", body.profileName(), false, 100);
            if (body.itemType() != null && !provider.itemTypes().contains(body.itemType())) {
                check.add("/item_type", "must be one of " + String.join(", ", provider.itemTypes()));
            }
            if (body.configuration() != null) {
                JsonNode configuration = objectOrEmpty(check, "/configuration", body.configuration());
                check.addAll(validator.validate(provider, "configuration", configuration));
            }
            if (body.syncIntervalMinutesGiven()) {
                SyncSchedule.check(check, "/sync_interval_minutes", body.syncIntervalMinutes(), provider);
            }
            check.orThrow();
            Changes changes = Changes.of();
            if (body.profileName() != null) {
                changes.field("profile_name", integration.profileName, body.profileName().trim());
                integration.profileName = body.profileName().trim();
            }
            if (body.itemType() != null) {
                changes.field("item_type", integration.itemType, body.itemType());
                integration.itemType = body.itemType();
            }
            if (body.enabled() != null) {
                changes.field("enabled", integration.enabled, body.enabled());
                integration.enabled = body.enabled();
            }
            if (body.configuration() != null) {
                JsonNode configuration = validator.withConfigurationDefaults(provider, body.configuration());
                changes.field("configuration", integration.configuration, configuration);
                integration.configuration = configuration;
            }
            if (body.syncIntervalMinutesGiven()
                    && !java.util.Objects.equals(body.syncIntervalMinutes(), integration.syncIntervalMinutes)) {
                changes.field("sync_interval_minutes", integration.syncIntervalMinutes, body.syncIntervalMinutes());
                integration.syncIntervalMinutes = body.syncIntervalMinutes();
            }
            if (!changes.isEmpty()) {
                SyncSchedule.arm(integration);
            }
            return writes.save(caller, integration, "integration.updated", changes).map(IntegrationView::of);
        });
    }

    @WithTransaction
    public Uni<ConfigurationView> replaceConfiguration(Caller caller, UUID organisationId, UUID integrationId,
            String ifMatch, JsonNode configuration) {
        access.require(caller, organisationId, Permission.ORG_INTEGRATION_EDIT);
        FieldCheck check = new FieldCheck();
        if (configuration == null || configuration.isNull()) {
            check.add("/configuration", "is required");
        }
        check.orThrow();
        return writes.findForUpdate(organisationId, integrationId, ifMatch).flatMap(integration -> {
            ProviderDescriptor provider = writes.descriptorOf(integration);
            JsonNode given = objectOrEmpty(check, "/configuration", configuration);
            check.addAll(validator.validate(provider, "configuration", given)).orThrow();
            JsonNode filled = validator.withConfigurationDefaults(provider, given);
            Changes changes = Changes.of().field("configuration", integration.configuration, filled);
            integration.configuration = filled;
            SyncSchedule.arm(integration);
            return writes.save(caller, integration, "integration.configuration_replaced", changes)
                    .map(ConfigurationView::of);
        });
    }

    @WithSession
    public Uni<Integration> getSettings(Caller caller, UUID organisationId, UUID integrationId) {
        access.require(caller, organisationId, Permission.ORG_INTEGRATION_READ);
        return writes.find(organisationId, integrationId);
    }

    /**
     * Merges the given top-level keys into the settings; the merged result must validate. Violations point into
     * the integration (/settings/...), whatever shape the client sent the keys in.
     */
    @WithTransaction
    public Uni<Integration> mergeSettings(Caller caller, UUID organisationId, UUID integrationId, String ifMatch,
            ObjectNode patch) {
        authorise(caller, organisationId, true);
        return writes.findForUpdate(organisationId, integrationId, ifMatch).flatMap(integration -> {
            ProviderDescriptor provider = writes.descriptorOf(integration);
            ObjectNode merged = integration.settings == null ? JsonNodeFactory.instance.objectNode()
                    : integration.settings.deepCopy();
            merged.setAll(patch);
            new FieldCheck().addAll(validator.validate(provider, "settings", merged)).orThrow();
            Changes changes = Changes.of().field("settings", integration.settings, merged);
            integration.settings = validator.withSettingsDefaults(provider, merged);
            return writes.save(caller, integration, "integration.settings_updated", changes);
        });
    }

    /** Hard delete of the integration with its resources (cascade) and its queued jobs; running ones are asked to stop. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID organisationId, UUID integrationId, String ifMatch) {
        access.require(caller, organisationId, Permission.ORG_INTEGRATION_EDIT);
        return writes.findForUpdate(organisationId, integrationId, ifMatch).flatMap(integration -> {
            if (integration.brokerEnabled) {
                throw new Conflict("disable the broker before deleting a brokered integration");
            }
            return jobs.deletePending("integration", integration.id)
                    .call(() -> HardDelete.byId(Integration.class, integration.id, integration))
                    .call(() -> audit.record(caller, organisationId, "integration.deleted", "integration", integration.id,
                            Changes.of().field("provider", integration.provider, null)
                                    .field("profile_name", integration.profileName, null)))
                    .call(integrations::flush)
                    .replaceWithVoid();
        });
    }

    @WithSession
    public Uni<PageResponse<SyncedResourceView>> listResources(Caller caller, UUID organisationId, UUID integrationId,
            String kind, PageRequest page) {
        access.require(caller, organisationId, Permission.ORG_INTEGRATION_READ);
        return writes.find(organisationId, integrationId)
                .flatMap(integration -> resources.page(integrationId, kind, page))
                .map(rows -> PageResponse.of(page, rows, r -> r.firstSeenAt, r -> r.id, SyncedResourceView::of));
    }

    public static SettingsView settingsView(Integration integration) {
        return new SettingsView(integration.settings);
    }

    /**
     * Without a profile_name the provider's name is used, or, when the organisation already has an
     * integration of that name, the name with a short suffix of the id: only a repeated explicit name is a conflict.
     */
    private Uni<Integration> defaultProfileName(Integration integration, ProviderDescriptor provider) {
        return integrations.count("organisationId = ?1 and provider = ?2 and profileName = ?3",
                integration.organisationId, integration.provider, provider.name()).map(taken -> {
                    String id = integration.id.toString();
                    integration.profileName = taken == 0 ? provider.name() : provider.name() + " " + id.substring(id.length() - 6);
                    return integration;
                });
    }
    private static JsonNode objectOrEmpty(FieldCheck check, String pointer, JsonNode value) {
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!value.isObject()) {
            check.add(pointer, "must be an object");
            return JsonNodeFactory.instance.objectNode();
        }
        return value;
    }

}
