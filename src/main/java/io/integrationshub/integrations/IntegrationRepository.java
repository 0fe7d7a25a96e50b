package io.integrationshub.integrations;

import io.integrationshub.common.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

// On every request's path: a @Singleton is injected as itself, with no client proxy to look it up per call.
@Singleton
public class IntegrationRepository implements PanacheRepositoryBase<Integration, UUID> {
    /** The plain reads log their SQL where Hibernate logs its own, so one switch shows every statement. */
    private static final Logger SQL_LOG = Logger.getLogger("org.hibernate.SQL");
    private static final String READ_ONE = "select " + IntegrationRows.COLUMNS
            + " from integrations where organisation_id = $1 and id = $2";

    private final Pool pool;

    public IntegrationRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The integration as a detached read (no session): one prepared statement on the reactive client.
     * Writes use {@link #findInOrganisationForUpdate} within a transaction instead.
     */
    public Uni<Integration> readInOrganisation(UUID organisationId, UUID id) {
        return query(READ_ONE, Tuple.of(organisationId, id)).map(rows -> {
            var iterator = rows.iterator();
            return iterator.hasNext() ? IntegrationRows.integration(iterator.next(), 0) : null;
        });
    }

    /**
     * A page of the organisation's integrations as detached reads, or empty when the organisation does not
     * exist. Rows reference their organisation, so only an empty page costs a second query to tell an
     * organisation without integrations from a missing one. The keyset is a row comparison that the
     * (organisation_id, created_at, id) index seeks to.
     */
    public Uni<Optional<List<Integration>>> readPage(UUID organisationId, String provider, Boolean enabled,
            PageRequest page) {
        List<Object> args = new ArrayList<>(List.of(organisationId));
        StringBuilder sql = new StringBuilder("select ").append(IntegrationRows.COLUMNS)
                .append(" from integrations where organisation_id = $1");
        if (provider != null) {
            args.add(provider);
            sql.append(" and provider = $").append(args.size());
        }
        if (enabled != null) {
            args.add(enabled);
            sql.append(" and enabled = $").append(args.size());
        }
        sql.append(page.keysetSql("created_at", "id", args.size() + 1));
        args.addAll(List.of(page.keysetSqlArguments()));
        args.add(page.fetchSize());
        sql.append(page.sqlOrder("created_at", "id")).append(" limit $").append(args.size());
        return query(sql.toString(), Tuple.from(args)).flatMap(rows -> {
            List<Integration> found = new ArrayList<>(rows.size());
            for (Row row : rows) {
                found.add(IntegrationRows.integration(row, 0));
            }
            if (!found.isEmpty()) {
                return Uni.createFrom().item(Optional.of(found));
            }
            return query("select 1 from organisations where id = $1", Tuple.of(organisationId))
                    .map(org -> org.size() == 0 ? Optional.<List<Integration>>empty() : Optional.of(found));
        });
    }

    private Uni<RowSet<Row>> query(String sql, Tuple args) {
        if (SQL_LOG.isDebugEnabled()) {
            SQL_LOG.debug(sql);
        }
        return pool.preparedQuery(sql).execute(args);
    }

    public Uni<Integration> findInOrganisation(UUID organisationId, UUID id) {
        return find("organisationId = ?1 and id = ?2", organisationId, id).firstResult();
    }

    /** The integration locked for update, so that concurrent writers apply one after another. */
    public Uni<Integration> findInOrganisationForUpdate(UUID organisationId, UUID id) {
        return find("organisationId = ?1 and id = ?2", organisationId, id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
