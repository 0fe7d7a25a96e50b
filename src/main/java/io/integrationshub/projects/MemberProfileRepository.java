package io.integrationshub.projects;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Members' display profiles (member_profiles) and their copies on collaborator rows, in the caller's
 * transaction. Each statement writes only rows whose profile really changed; updated_at comes from the
 * database's clock (the statement's time), as the profile is written outside any request's transaction.
 */
@ApplicationScoped
public class MemberProfileRepository implements PanacheRepositoryBase<MemberProfile, String> {
    private static final String UPSERT_PROFILE = """
            insert into member_profiles (account_id, name, display_name, avatar, claims_hash, updated_at)
            values (:account, :name, :display, :avatar, :hash, date_trunc('milliseconds', clock_timestamp()))
            on conflict (account_id) do update set name = excluded.name, display_name = excluded.display_name,
                avatar = excluded.avatar, claims_hash = excluded.claims_hash, updated_at = excluded.updated_at
            where member_profiles.claims_hash is distinct from excluded.claims_hash""";
    private static final String UPDATE_COLLABORATORS = """
            update project_collaborators set name = :name, display_name = :display, avatar = :avatar
            where account_id = :account and (name, display_name, avatar) is distinct from (:name, :display, :avatar)""";

    /** Stores the profile (when its claims hash changed) and copies it onto the member's collaborator rows. */
    public Uni<Void> store(String accountId, String name, String displayName, String avatar, String claimsHash) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(UPSERT_PROFILE)
                .setParameter("account", accountId).setParameter("name", name).setParameter("display", displayName)
                .setParameter("avatar", avatar).setParameter("hash", claimsHash).executeUpdate()
                // The collaborator rows follow the profile (also when another instance stored it first).
                .flatMap(ignored -> session.createNativeQuery(UPDATE_COLLABORATORS)
                        .setParameter("account", accountId).setParameter("name", name).setParameter("display", displayName)
                        .setParameter("avatar", avatar).executeUpdate()))
                .replaceWithVoid();
    }
}
