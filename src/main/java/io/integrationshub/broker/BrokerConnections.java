package io.integrationshub.broker;

import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.broker.BrokerViews.Connection;
import io.integrationshub.common.Times;
import io.integrationshub.integrations.Integration;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Objects;

/**
 * Broker clients' heartbeats (POST /v1/broker/connections). Kept cheap for clients that beat every few
 * seconds: the token was found by one index probe during authentication; last_seen_at is written only
 * when the stored value is older than hub.broker.heartbeat-write-interval (or the client version
 * changed); the group's integrations come from one index range scan. A token's first connection is a
 * change of state: recorded with an audit event per member, actor broker.
 */
@ApplicationScoped
public class BrokerConnections {
    static final int MAX_CLIENT_VERSION = 200;

    private final BrokerRepository repository;
    private final AuditLog audit;
    private final BrokerConfig config;

    public BrokerConnections(BrokerRepository repository, AuditLog audit, BrokerConfig config) {
        this.repository = repository;
        this.audit = audit;
        this.config = config;
    }

    public Uni<Connection> heartbeat(BrokerPrincipal token, String userAgent) {
        Instant now = Times.now();
        String version = clientVersion(userAgent);
        return Panache.withSession(() -> {
            Uni<Void> recorded;
            if (token.firstSeenAt() == null) {
                recorded = firstConnection(token, version, now);
            } else if (token.lastSeenAt().isBefore(now.minus(config.heartbeatWriteInterval()))
                    || !Objects.equals(version, token.clientVersion())) {
                recorded = repository.recordBeat(token.tokenId(), now, version).replaceWithVoid();
            } else {
                recorded = Uni.createFrom().voidItem();
            }
            return recorded.flatMap(v -> repository.connected(token.groupId())).map(Connection::new);
        });
    }

    /** The first heartbeat with a token; of two racing first heartbeats only one records it. */
    private Uni<Void> firstConnection(BrokerPrincipal token, String version, Instant now) {
        return Panache.withTransaction(() -> repository.recordFirstBeat(token.tokenId(), now, version)
                .flatMap(updated -> updated == 0 ? Uni.createFrom().voidItem()
                        : repository.members(token.groupId()).flatMap(members -> {
                            Changes changes = Changes.of().field("broker_connected", null, true)
                                    .field("broker_token_state", null, token.state())
                                    .field("client_version", null, version);
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (Integration member : members) {
                                chain = chain.call(() -> audit.record("broker", token.tokenId().toString(),
                                        member.organisationId, "integration.broker_connected", "integration", member.id,
                                        changes));
                            }
                            return chain;
                        })));
    }

    static String clientVersion(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String trimmed = userAgent.strip();
        return trimmed.length() > MAX_CLIENT_VERSION ? trimmed.substring(0, MAX_CLIENT_VERSION) : trimmed;
    }
}
