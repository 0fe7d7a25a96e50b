package io.integrationshub.projects;

import io.integrationshub.common.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Projects. Pages are read with native SQL whose keyset condition is the row comparison
 * {@code (created_at, id) > ($t, $id)}, which projects_page_idx (organisation_id, created_at, id) seeks to.
 */
@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, UUID> {
    static final String COLUMNS = "p.id, p.organisation_id, p.name, p.description, p.icon, p.repo_id, "
            + "p.default_environment_id, p.cloud_connection, p.created_at, p.updated_at, p.version";

    private final Pool pool;

    public ProjectRepository(Pool pool) {
        this.pool = pool;
    }

    /** Every project of the organisation. */
    public Uni<List<Project>> page(UUID organisationId, PageRequest page) {
        String sql = "select " + COLUMNS + " from projects p where p.organisation_id = $1"
                + page.keysetSql("p.created_at", "p.id", 2) + page.sqlOrder("p.created_at", "p.id")
                + " limit " + page.fetchSize();
        return query(sql, page, organisationId);
    }

    /** The organisation's projects on which {@code accountId} is a collaborator. */
    public Uni<List<Project>> pageForMember(UUID organisationId, String accountId, PageRequest page) {
        String sql = "select " + COLUMNS + " from projects p join project_collaborators c on c.project_id = p.id"
                + " where p.organisation_id = $1 and c.account_id = $2"
                + page.keysetSql("p.created_at", "p.id", 3) + page.sqlOrder("p.created_at", "p.id")
                + " limit " + page.fetchSize();
        return query(sql, page, organisationId, accountId);
    }

    /** Whether {@code accountId} collaborates on any project of the organisation. */
    public Uni<Boolean> isCollaboratorInOrganisation(UUID organisationId, String accountId) {
        return pool.preparedQuery("select 1 from project_collaborators c join projects p on p.id = c.project_id "
                        + "where c.account_id = $1 and p.organisation_id = $2 limit 1")
                .execute(Tuple.of(accountId, organisationId)).map(rows -> rows.size() > 0);
    }

    /** The project's organisation, or null when there is no such project (a scalar read: nothing is loaded). */
    public Uni<UUID> organisationOf(UUID projectId) {
        return getSession().flatMap(session -> session
                .createSelectionQuery("select p.organisationId from Project p where p.id = :id", UUID.class)
                .setParameter("id", projectId).getSingleResultOrNull());
    }

    /** The project locked for update: writers of the project and of its collaborators apply one after another. */
    public Uni<Project> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    private Uni<List<Project>> query(String sql, PageRequest page, Object... leading) {
        List<Object> args = new ArrayList<>(Arrays.asList(leading));
        args.addAll(Arrays.asList(page.keysetSqlArguments()));
        return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> {
            List<Project> result = new ArrayList<>();
            for (Row row : rows) {
                result.add(of(row));
            }
            return result;
        });
    }

    static Project of(Row row) {
        Project p = new Project();
        p.id = row.getUUID("id");
        p.organisationId = row.getUUID("organisation_id");
        p.name = row.getString("name");
        p.description = row.getString("description");
        p.icon = row.getString("icon");
        p.repoId = row.getString("repo_id");
        p.defaultEnvironmentId = row.getString("default_environment_id");
        p.cloudConnection = row.getString("cloud_connection");
        p.createdAt = row.getOffsetDateTime("created_at").toInstant();
        p.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        p.version = row.getInteger("version");
        return p;
    }
}
