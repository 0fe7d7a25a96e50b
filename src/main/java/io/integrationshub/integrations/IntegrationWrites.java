package io.integrationshub.integrations;

import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.auth.Caller;
import io.integrationshub.common.domain.Conflict;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.error.Failures;
import io.integrationshub.common.web.Versions;
import io.integrationshub.providers.ProviderDescriptor;
import io.integrationshub.providers.ProviderRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * What every write of an integration shares: loading it (locked, with If-Match), inserting it, saving a change
 * with its audit event, and the unique (organisation, provider, profile_name) answered as 409.
 */
@ApplicationScoped
class IntegrationWrites {
    static final String PROFILE_NAME_CONSTRAINT = "integrations_profile_name_unique";

    private final IntegrationRepository integrations;
    private final ProviderRegistry providers;
    private final AuditLog audit;

    IntegrationWrites(IntegrationRepository integrations, ProviderRegistry providers, AuditLog audit) {
        this.integrations = integrations;
        this.providers = providers;
        this.audit = audit;
    }

    Uni<Integration> find(UUID organisationId, UUID integrationId) {
        return integrations.findInOrganisation(organisationId, integrationId)
                .onItem().ifNull().failWith(() -> new NotFound("no such integration"));
    }

    Uni<Integration> findForUpdate(UUID organisationId, UUID integrationId, String ifMatch) {
        return Versions.matching(integrations.findInOrganisationForUpdate(organisationId, integrationId),
                "no such integration", ifMatch, integration -> integration.version);
    }

    Uni<Integration> insert(Integration integration) {
        return nameConflictAs409(integrations.persist(integration).call(integrations::flush), integration);
    }

    Uni<Integration> save(Caller caller, Integration integration, String action, Changes changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(integration);
        }
        integration.touch();
        return nameConflictAs409(integrations.flush(), integration)
                .call(() -> audit.record(caller, integration.organisationId, action, "integration", integration.id, changes))
                .replaceWith(integration);
    }

    ProviderDescriptor descriptorOf(Integration integration) {
        return providers.find(integration.provider)
                .orElseThrow(() -> new IllegalStateException("stored integration has unknown provider " + integration.provider));
    }

    /** What an audit event of a new integration (created or cloned) records. */
    static Changes creationChanges(Integration i) {
        return Changes.of().field("provider", null, i.provider).field("profile_name", null, i.profileName)
                .field("item_type", null, i.itemType).field("enabled", null, i.enabled)
                .field("configuration", null, i.configuration).field("settings", null, i.settings)
                .secret("credentials", false, i.hasCredentials())
                .field("sync_interval_minutes", null, i.syncIntervalMinutes);
    }

    private static <T> Uni<T> nameConflictAs409(Uni<T> write, Integration integration) {
        return write.onFailure(e -> Failures.isUniqueViolation(e, PROFILE_NAME_CONSTRAINT))
                .transform(e -> new Conflict("this organisation already has a " + integration.provider
                        + " integration named \"" + integration.profileName + "\""));
    }
}
