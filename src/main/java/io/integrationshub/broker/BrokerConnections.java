package io.integrationshub.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.broker.BrokerViews.ConnectedIntegration;
import io.integrationshub.broker.BrokerViews.Connection;
import io.integrationshub.common.Times;
import io.integrationshub.integrations.Integration;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
    private static final String MEMBERS = "select id, organisation_id, provider, configuration::text as configuration "
            + "from integrations where broker_group_id = $1 order by created_at, id";
    private static final String BEAT = "update broker_tokens set last_seen_at = $2, client_version = $3 "
            + "where id = $1 and state <> 'retired'";
    private static final String FIRST_BEAT = "update broker_tokens set first_seen_at = :now, last_seen_at = :now, "
            + "client_version = :version where id = :id and first_seen_at is null and state <> 'retired'";
    static final int MAX_CLIENT_VERSION = 200;

    private final Pool pool;
    private final BrokerRepository repository;
    private final AuditLog audit;
    private final BrokerConfig config;
    private final ObjectMapper json;

    public BrokerConnections(Pool pool, BrokerRepository repository, AuditLog audit, BrokerConfig config, ObjectMapper json) {
        this.pool = pool;
        this.repository = repository;
        this.audit = audit;
        this.config = config;
        this.json = json;
    }

    public Uni<Connection> heartbeat(BrokerPrincipal token, String userAgent) {
        Instant now = Times.now();
        String version = clientVersion(userAgent);
        Uni<Void> recorded;
        if (token.firstSeenAt() == null) {
            recorded = firstConnection(token, version, now);
        } else if (token.lastSeenAt().isBefore(now.minus(config.heartbeatWriteInterval()))
                || !Objects.equals(version, token.clientVersion())) {
            recorded = pool.preparedQuery(BEAT).execute(Tuple.of(token.tokenId(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                    version)).replaceWithVoid();
        } else {
            recorded = Uni.createFrom().voidItem();
        }
        return recorded.flatMap(v -> pool.preparedQuery(MEMBERS).execute(Tuple.of(token.groupId())))
                .map(rows -> {
                    List<ConnectedIntegration> integrations = new ArrayList<>();
                    for (Row row : rows) {
                        integrations.add(new ConnectedIntegration(row.getUUID("id"), row.getUUID("organisation_id"),
                                row.getString("provider"), configuration(row.getString("configuration"))));
                    }
                    return new Connection(integrations);
                });
    }

    /** The first heartbeat with a token; of two racing first heartbeats only one records it. */
    private Uni<Void> firstConnection(BrokerPrincipal token, String version, Instant now) {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(FIRST_BEAT)
                        .setParameter("now", now).setParameter("version", version).setParameter("id", token.tokenId())
                        .executeUpdate())
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

    private com.fasterxml.jackson.databind.JsonNode configuration(String text) {
        try {
            return json.readTree(text == null ? "{}" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored configuration is not JSON", e);
        }
    }

    static String clientVersion(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String trimmed = userAgent.strip();
        return trimmed.length() > MAX_CLIENT_VERSION ? trimmed.substring(0, MAX_CLIENT_VERSION) : trimmed;
    }
}
