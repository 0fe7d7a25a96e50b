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
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Collaborators of projects; pages seek project_collaborators_page_idx (project_id, created_at, id). */
@ApplicationScoped
public class CollaboratorRepository implements PanacheRepositoryBase<ProjectCollaborator, UUID> {
    private final Pool pool;

    public CollaboratorRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<ProjectCollaborator> find(UUID projectId, String accountId) {
        return find("projectId = ?1 and accountId = ?2", projectId, accountId).firstResult();
    }

    /** The member's current role on the project, or null (a scalar read: never a stale cached entity). */
    public Uni<String> roleOf(UUID projectId, String accountId) {
        return getSession().flatMap(session -> session.createSelectionQuery(
                        "select c.role from ProjectCollaborator c where c.projectId = :p and c.accountId = :a", String.class)
                .setParameter("p", projectId).setParameter("a", accountId).getSingleResultOrNull());
    }

    /** The membership locked for update. */
    public Uni<ProjectCollaborator> findForUpdate(UUID projectId, String accountId) {
        return find("projectId = ?1 and accountId = ?2", projectId, accountId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<ProjectCollaborator>> findAll(UUID projectId, Collection<String> accountIds) {
        return find("projectId = ?1 and accountId in ?2", projectId, accountIds).list();
    }

    public Uni<Long> countOwners(UUID projectId) {
        return count("projectId = ?1 and role = ?2", projectId, CollaboratorRole.OWNER.wireName);
    }

    public Uni<List<ProjectCollaborator>> page(UUID projectId, String role, PageRequest page) {
        List<Object> args = new ArrayList<>();
        args.add(projectId);
        StringBuilder sql = new StringBuilder("select id, project_id, account_id, name, display_name, avatar, role, created_at "
                + "from project_collaborators where project_id = $1");
        if (role != null) {
            args.add(role);
            sql.append(" and role = $2");
        }
        sql.append(page.keysetSql("created_at", "id", args.size() + 1)).append(page.sqlOrder("created_at", "id"))
                .append(" limit ").append(page.fetchSize());
        args.addAll(List.of(page.keysetSqlArguments()));
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
            List<ProjectCollaborator> result = new ArrayList<>();
            for (Row row : rows) {
                result.add(of(row));
            }
            return result;
        });
    }

    static ProjectCollaborator of(Row row) {
        ProjectCollaborator c = new ProjectCollaborator();
        c.id = row.getUUID("id");
        c.projectId = row.getUUID("project_id");
        c.accountId = row.getString("account_id");
        c.name = row.getString("name");
        c.displayName = row.getString("display_name");
        c.avatar = row.getString("avatar");
        c.role = row.getString("role");
        c.createdAt = row.getOffsetDateTime("created_at").toInstant();
        return c;
    }
}
