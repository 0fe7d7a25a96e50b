package io.integrationshub.integrations;

import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.auth.AccessControl;
import io.integrationshub.auth.Caller;
import io.integrationshub.auth.Permission;
import io.integrationshub.broker.BrokerMembership;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.integrationshub.common.domain.Forbidden;
import io.integrationshub.common.domain.Invalid;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.domain.FieldCheck;
import io.integrationshub.integrations.IntegrationViews.IntegrationView;
import io.integrationshub.orgs.Organisation;
import io.integrationshub.orgs.OrganisationService;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;

/** Clones an integration into another organisation of the same group (API.md 4.3). */
@ApplicationScoped
public class IntegrationCloneService {
    private final IntegrationWrites writes;
    private final IntegrationSealing sealing;
    private final OrganisationService organisations;
    private final BrokerMembership broker;
    private final AccessControl access;
    private final AuditLog audit;

    public IntegrationCloneService(IntegrationWrites writes, IntegrationSealing sealing, OrganisationService organisations,
            BrokerMembership broker, AccessControl access, AuditLog audit) {
        this.writes = writes;
        this.sealing = sealing;
        this.organisations = organisations;
        this.broker = broker;
        this.access = access;
        this.audit = audit;
    }

    /**
     * Copies the integration, its settings and credentials into another organisation of the same group.
     * The caller needs org.integration.edit in both.
     */
    @WithTransaction
    public Uni<IntegrationView> cloneInto(Caller caller, UUID organisationId, UUID integrationId, UUID destinationId) {
        access.require(caller, organisationId, Permission.ORG_INTEGRATION_EDIT);
        FieldCheck check = new FieldCheck().required("/destination_org_id", destinationId);
        check.orThrow();
        if (!caller.can(destinationId, Permission.ORG_INTEGRATION_EDIT)) {
            throw new Forbidden("the caller lacks org.integration.edit in the destination organisation");
        }
        return writes.find(organisationId, integrationId).flatMap(source -> organisations.requireExisting(organisationId)
                .flatMap(sourceOrg -> destination(sourceOrg, destinationId))
                .flatMap(destinationOrg -> {
                    Integration copy = copyOf(source, destinationOrg);
                    // A brokered clone joins the source's broker group and shares its token.
                    Uni<Void> joined = source.brokerEnabled ? broker.join(copy, source) : Uni.createFrom().voidItem();
                    return joined.flatMap(v -> writes.insert(copy))
                            .call(saved -> audit.record(caller, destinationOrg.id, "integration.created", "integration",
                                    saved.id, (saved.brokerEnabled
                                            ? BrokerMembership.withBroker(IntegrationWrites.creationChanges(saved))
                                            : IntegrationWrites.creationChanges(saved))
                                            .field("cloned_from", null, source.id.toString())))
                            .call(saved -> audit.record(caller, organisationId, "integration.cloned", "integration",
                                    source.id, Changes.of().field("clone", null, Map.of(
                                            "integration_id", saved.id.toString(),
                                            "organisation_id", destinationOrg.id.toString()))));
                }))
                .map(IntegrationView::of);
    }

    private Integration copyOf(Integration source, Organisation destination) {
        Integration copy = new Integration();
        copy.id = Ids.newId();
        copy.organisationId = destination.id;
        copy.provider = source.provider;
        copy.profileName = source.profileName;
        copy.itemType = source.itemType;
        copy.enabled = source.enabled;
        copy.configuration = source.configuration.deepCopy();
        copy.settings = source.settings.deepCopy();
        copy.statusHealth = "unknown";
        copy.createdAt = Times.now();
        copy.updatedAt = copy.createdAt;
        copy.version = 1;
        copy.syncIntervalMinutes = source.syncIntervalMinutes;
        SyncSchedule.arm(copy);
        sealing.copy(source, copy);
        return copy;
    }

    private Uni<Organisation> destination(Organisation source, UUID destinationId) {
        return organisations.requireExisting(destinationId)
                .onFailure(NotFound.class).transform(e -> Invalid.of("/destination_org_id", "no such organisation"))
                .map(destination -> {
                    if (!destination.groupId.equals(source.groupId)) {
                        throw Invalid.of("/destination_org_id",
                                "must be an organisation of the same group as the source");
                    }
                    if (destination.id.equals(source.id)) {
                        throw Invalid.of("/destination_org_id", "must be another organisation");
                    }
                    return destination;
                });
    }
}
