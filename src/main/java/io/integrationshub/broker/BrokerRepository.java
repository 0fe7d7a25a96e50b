package io.integrationshub.broker;

import io.integrationshub.apitokens.ApiTokenSecrets;
import io.integrationshub.broker.BrokerViews.ConnectedIntegration;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.integrationshub.integrations.Integration;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Broker groups and their tokens, in the caller's Hibernate Reactive session. */
@ApplicationScoped
public class BrokerRepository implements PanacheRepositoryBase<BrokerToken, UUID> {

    /** A freshly minted token: the row to persist and the value to show once. */
    public record Minted(BrokerToken row, String value) {
    }

    /** Mints a token for the group (not persisted): brk_ + base64url of 32 random bytes, kept as its hash. */
    public static Minted mint(UUID groupId, String state) {
        String value = ApiTokenSecrets.mint(BrokerToken.PREFIX);
        BrokerToken token = new BrokerToken();
        token.id = Ids.newId();
        token.groupId = groupId;
        token.state = state;
        token.tokenHash = ApiTokenSecrets.hash(value);
        token.tokenHint = ApiTokenSecrets.hint(value);
        token.createdAt = Times.now();
        return new Minted(token, value);
    }

    public Uni<BrokerGroup> createGroup() {
        BrokerGroup group = new BrokerGroup();
        group.id = Ids.newId();
        group.createdAt = Times.now();
        return Panache.getSession().flatMap(session -> session.persist(group).replaceWith(group));
    }

    /** The group locked for update: every change of a group's tokens or members goes one after another. */
    public Uni<BrokerGroup> lockGroup(UUID groupId) {
        return Panache.getSession().flatMap(session -> session.find(BrokerGroup.class, groupId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The broker group of the integration, locked for update; null when it has none (or does not exist). */
    public Uni<UUID> lockGroupOf(UUID organisationId, UUID integrationId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select cast(g.id as text) from broker_groups g join integrations i on i.broker_group_id = g.id "
                                + "where i.id = :id and i.organisation_id = :org for update of g", String.class)
                .setParameter("id", integrationId).setParameter("org", organisationId)
                .getResultList()).map(rows -> rows.isEmpty() ? null : UUID.fromString(rows.get(0)));
    }

    /** The token with this hash unless retired, in the caller's session: one probe of the unique hash index. */
    public Uni<BrokerToken> findLive(String tokenHash) {
        return find("tokenHash = ?1 and state <> ?2", tokenHash, BrokerToken.RETIRED).firstResult();
    }

    public Uni<BrokerToken> inState(UUID groupId, String state) {
        return find("groupId = ?1 and state = ?2", groupId, state).firstResult();
    }

    public Uni<List<Integration>> members(UUID groupId) {
        return Panache.getSession().flatMap(session -> session
                .createSelectionQuery("from Integration where brokerGroupId = :group order by createdAt, id", Integration.class)
                .setParameter("group", groupId).getResultList());
    }

    /** A heartbeat: last_seen_at and the client version (a retired token is left alone); autocommit, no transaction. */
    public Uni<Integer> recordBeat(UUID tokenId, Instant now, String clientVersion) {
        return beat("update broker_tokens set last_seen_at = :now, client_version = :version "
                + "where id = :id and state <> 'retired'", tokenId, now, clientVersion);
    }

    /** The token's first heartbeat; 0 when another one recorded it first (or the token was retired). */
    public Uni<Integer> recordFirstBeat(UUID tokenId, Instant now, String clientVersion) {
        return beat("update broker_tokens set first_seen_at = :now, last_seen_at = :now, client_version = :version "
                + "where id = :id and first_seen_at is null and state <> 'retired'", tokenId, now, clientVersion);
    }

    private static Uni<Integer> beat(String update, UUID tokenId, Instant now, String clientVersion) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(update)
                .setParameter("now", now).setParameter("version", clientVersion).setParameter("id", tokenId)
                .executeUpdate());
    }

    /** What a broker client is told about the group's integrations (no secret): one index range scan. */
    public Uni<List<ConnectedIntegration>> connected(UUID groupId) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                        "select i.id, i.organisationId, i.provider, i.configuration from Integration i "
                                + "where i.brokerGroupId = :group order by i.createdAt, i.id",
                        ConnectedIntegration.class)
                .setParameter("group", groupId).getResultList());
    }

    /** Every member's representation changed (token hint, pending provisional token): their versions move. */
    public Uni<Integer> touchMembers(UUID groupId, Instant now) {
        return Panache.getSession().flatMap(session -> session
                .createMutationQuery("update versioned Integration set updatedAt = :now where brokerGroupId = :group")
                .setParameter("now", now).setParameter("group", groupId).executeUpdate());
    }

    /** Deletes the group with its tokens once no integration is left in it; true when it was deleted. */
    public Uni<Boolean> deleteIfEmpty(UUID groupId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "delete from broker_groups g where g.id = :group "
                                + "and not exists (select 1 from integrations i where i.broker_group_id = :group)")
                .setParameter("group", groupId).executeUpdate()).map(deleted -> deleted > 0);
    }
}
