package io.integrationshub.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.integrationshub.audit.AuditLog;
import io.integrationshub.audit.Changes;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.integrationshub.integrations.Integration;
import io.integrationshub.jobs.api.JobContext;
import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobOutcome;
import io.integrationshub.jobs.api.JobTypes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * Runs broker.switch_token jobs: when a broker client presented the provisional token within the
 * heartbeat window, the whole group moves to it and the old token is retired, in one transaction
 * under the group's lock. Otherwise the job fails with broker_not_connected and the provisional token
 * stays pending. Idempotent: a provisional token that is already current answers success again.
 */
@ApplicationScoped
public class BrokerSwitchHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(BrokerSwitchHandler.class);
    public static final String NOT_CONNECTED = "broker_not_connected";

    private final BrokerRepository repository;
    private final AuditLog audit;
    private final BrokerConfig config;

    public BrokerSwitchHandler(BrokerRepository repository, AuditLog audit, BrokerConfig config) {
        this.repository = repository;
        this.audit = audit;
        this.config = config;
    }

    @Override
    public String type() {
        return JobTypes.BROKER_SWITCH_TOKEN;
    }

    @Override
    public int maxAttempts() {
        return 3;
    }

    @Override
    public Uni<JobOutcome> run(JobContext context) {
        UUID groupId = uuid(context.payload(), "group_id");
        UUID provisionalId = uuid(context.payload(), "provisional_id");
        if (groupId == null || provisionalId == null) {
            return Uni.createFrom().item(JobOutcome.failed("bad_payload", "the job names no broker group or token"));
        }
        return Panache.withTransaction(() -> repository.lockGroup(groupId).flatMap(group -> {
            if (group == null) {
                return Uni.createFrom().item(JobOutcome.failed("broker_group_gone",
                        "every integration left the broker group; nothing to switch"));
            }
            return repository.findById(provisionalId).flatMap(token -> {
                if (token == null || !token.groupId.equals(groupId) || BrokerToken.RETIRED.equals(token.state)) {
                    return Uni.createFrom().item(JobOutcome.failed("broker_token_gone",
                            "the provisional token no longer exists in this broker group"));
                }
                if (BrokerToken.CURRENT.equals(token.state)) {
                    return Uni.createFrom().item(JobOutcome.succeeded(result(0, true)));
                }
                Instant now = Times.now();
                if (token.lastSeenAt == null || token.lastSeenAt.isBefore(now.minus(config.heartbeatWindow()))) {
                    return Uni.createFrom().item(JobOutcome.failed(NOT_CONNECTED, "no broker client presented the "
                            + "provisional token within the last " + describe(config.heartbeatWindow()) + "; start a broker "
                            + "client with it, then request the switch again (the provisional token stays pending)"));
                }
                return switchTo(context, token, now);
            });
        }));
    }

    private Uni<JobOutcome> switchTo(JobContext context, BrokerToken provisional, Instant now) {
        return repository.inState(provisional.groupId, BrokerToken.CURRENT).flatMap(current -> {
            String oldHint = current == null ? null : current.tokenHint;
            if (current != null) {
                // Retired before the promotion: the group holds one current token at every statement.
                current.state = BrokerToken.RETIRED;
                current.retiredAt = now;
            }
            return repository.flush().flatMap(v -> {
                provisional.state = BrokerToken.CURRENT;
                return repository.flush();
            })
                    .flatMap(v -> repository.touchMembers(provisional.groupId, now))
                    .flatMap(touched -> repository.members(provisional.groupId).flatMap(members -> {
                        Changes changes = Changes.of().secret("broker_token", true, true)
                                .field("token_hint", oldHint, provisional.tokenHint)
                                .field("provisional_token_pending", true, false);
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (Integration member : members) {
                            chain = chain.call(() -> audit.record("system", context.jobId().toString(),
                                    member.organisationId, "integration.broker_token_switched", "integration", member.id,
                                    changes));
                        }
                        return chain.invoke(() -> LOG.infof("broker group %s switched to its provisional token (%d integrations)",
                                provisional.groupId, members.size())).map(x -> JobOutcome.succeeded(result(members.size(), false)));
                    }));
        });
    }

    private static JsonNode result(int integrations, boolean alreadySwitched) {
        return JsonNodeFactory.instance.objectNode().put("switched", true).put("integrations", integrations)
                .put("already_switched", alreadySwitched);
    }

    private static String describe(java.time.Duration window) {
        long seconds = window.toSeconds();
        return seconds % 60 == 0 ? (seconds / 60) + " minutes" : seconds + " seconds";
    }

    private static UUID uuid(JsonNode payload, String field) {
        JsonNode value = payload == null ? null : payload.get(field);
        return value != null && value.isTextual() && Ids.isUuid(value.textValue()) ? UUID.fromString(value.textValue()) : null;
    }
}
