package io.integrationshub.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.audit.Changes;
import io.integrationshub.common.domain.Conflict;
import io.integrationshub.common.domain.FieldCheck;
import io.integrationshub.integrations.Integration;
import io.integrationshub.providers.ProviderDescriptor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the integrations feature asks of the broker: creating a brokered integration starts a broker
 * group, cloning one joins the source's group. Runs in the caller's transaction.
 */
@ApplicationScoped
public class BrokerMembership {
    private final BrokerRepository repository;

    public BrokerMembership(BrokerRepository repository) {
        this.repository = repository;
    }

    /** Adds the violations of a creation with broker.enabled = true. */
    public void checkCreation(FieldCheck check, ProviderDescriptor provider, JsonNode credentials) {
        if (provider != null && !provider.supportsBroker()) {
            check.add("/broker/enabled", "the " + provider.id() + " provider does not support the broker");
        }
        if (credentials != null && !credentials.isNull()) {
            check.add("/credentials", "must not be given when the broker is enabled: the broker client keeps the credentials");
        }
    }

    /**
     * Starts a group with a fresh current token for the (not yet persisted) integration and makes it
     * brokered. Returns the token value, which is shown once and never stored.
     */
    public Uni<String> startGroup(Integration integration) {
        return repository.createGroup().flatMap(group -> {
            BrokerRepository.Minted minted = BrokerRepository.mint(group.id, BrokerToken.CURRENT);
            return repository.persist(minted.row()).call(repository::flush).map(saved -> {
                integration.brokerEnabled = true;
                integration.brokerGroupId = group.id;
                integration.brokerTokenHint = minted.row().tokenHint;
                integration.brokerProvisionalPending = false;
                integration.brokerLastHeartbeatAt = null;
                return minted.value();
            });
        });
    }

    /** Puts the (not yet persisted) copy into the source's group; 409 when the source left it meanwhile. */
    public Uni<Void> join(Integration copy, Integration source) {
        return repository.lockGroup(source.brokerGroupId).map(group -> {
            if (group == null) {
                throw new Conflict("the source integration's broker group no longer exists; retry the clone");
            }
            copy.brokerEnabled = true;
            copy.brokerGroupId = group.id;
            copy.brokerTokenHint = source.brokerTokenHint;
            copy.brokerProvisionalPending = source.brokerProvisionalPending;
            copy.brokerLastHeartbeatAt = source.brokerLastHeartbeatAt;
            return null;
        });
    }

    /** The audit changes of a brokered creation or clone. */
    public static Changes withBroker(Changes changes) {
        return changes.field("broker_enabled", null, true);
    }
}
