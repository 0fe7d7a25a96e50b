package io.integrationshub.projects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A project of an organisation (API.md 9); collaborators and notification integrations hang off it. */
@Entity
@Table(name = "projects")
public class Project extends PanacheEntityBase {
    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";
    public static final String DISCONNECTING = "disconnecting";

    @Id
    public UUID id;
    @Column(name = "organisation_id")
    public UUID organisationId;
    public String name;
    public String description;
    public String icon;
    @Column(name = "repo_id")
    public String repoId;
    @Column(name = "default_environment_id")
    public String defaultEnvironmentId;
    @Column(name = "cloud_connection")
    public String cloudConnection;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;

    public UUID getId() {
        return id;
    }

    public UUID getOrganisationId() {
        return organisationId;
    }

    public String getName() {
        return name;
    }
}
