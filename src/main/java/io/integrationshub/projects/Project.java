package io.integrationshub.projects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
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
    public UUID organisationId;
    public String name;
    public String description;
    public String icon;
    public String repoId;
    public String defaultEnvironmentId;
    public String cloudConnection;
    public Instant createdAt;
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
