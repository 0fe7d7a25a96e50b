package io.integrationshub.projects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
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
    @Column(name = "project_id")
    public UUID projectId;
    @Column(name = "account_id")
    public String accountId;
    public String name;
    @Column(name = "display_name")
    public String displayName;
    public String avatar;
    public String role;
    @Column(name = "created_at")
    public Instant createdAt;
}
