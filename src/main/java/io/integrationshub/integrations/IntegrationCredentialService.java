package io.integrationshub.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.audit.Changes;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.common.domain.Conflict;
import io.integrationshub.common.domain.FieldCheck;
import io.integrationshub.integrations.IntegrationViews.IntegrationView;
import io.integrationshub.providers.ProviderValidator;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Replacing and erasing an integration's credentials (API.md 4.3); values are never returned. */
@ApplicationScoped
public class IntegrationCredentialService {
    private final IntegrationWrites writes;
    private final IntegrationSealing sealing;
    private final ProviderValidator validator;
    private final AccessControl access;

    public IntegrationCredentialService(IntegrationWrites writes, IntegrationSealing sealing, ProviderValidator validator,
            AccessControl access) {
        this.writes = writes;
        this.sealing = sealing;
        this.validator = validator;
        this.access = access;
    }

    @WithTransaction
    public Uni<IntegrationView> replace(Caller caller, UUID organisationId, UUID integrationId, String ifMatch,
            JsonNode credentials) {
        access.require(caller, organisationId, Permission.ORG_INTEGRATION_EDIT);
        return writes.findForUpdate(organisationId, integrationId, ifMatch).flatMap(integration -> {
            if (integration.brokerEnabled) {
                throw new Conflict("a brokered integration keeps its credentials in the broker");
            }
            FieldCheck check = new FieldCheck();
            if (credentials == null || credentials.isNull()) {
                check.add("/credentials", "is required");
            } else {
                check.addAll(validator.validate(writes.descriptorOf(integration), "credentials", credentials));
            }
            check.orThrow();
            boolean before = integration.hasCredentials();
            sealing.seal(integration, credentials);
            SyncSchedule.arm(integration);
            return writes.save(caller, integration, "integration.credentials_replaced",
                    Changes.of().secret("credentials", before, true)).map(IntegrationView::of);
        });
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID organisationId, UUID integrationId, String ifMatch) {
        access.require(caller, organisationId, Permission.ORG_INTEGRATION_EDIT);
        return writes.findForUpdate(organisationId, integrationId, ifMatch).flatMap(integration -> {
            if (integration.brokerEnabled || !integration.hasCredentials()) {
                return Uni.createFrom().voidItem();
            }
            IntegrationSealing.erase(integration);
            SyncSchedule.arm(integration);
            return writes.save(caller, integration, "integration.credentials_deleted",
                    Changes.of().secret("credentials", true, false)).replaceWithVoid();
        });
    }
}
