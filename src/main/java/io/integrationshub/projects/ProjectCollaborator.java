package io.integrationshub.projects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A member's role on one project. The table's key is (project_id, account_id); {@code id} is the
 * membership's own unique id, mapped as the entity id (keyset tie-breaker, audit target).
 */
@Entity
@Table(name = "project_collaborators")
public class ProjectCollaborator extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID projectId;
    public String accountId;
    public String name;
    public String displayName;
    public String avatar;
    public String role;
    public Instant createdAt;
}
