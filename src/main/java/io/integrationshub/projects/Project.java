package io.integrationshub.projects;

import io.integrationshub.common.db.VersionedEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.util.UUID;

/** A project of an organisation (API.md 9); collaborators and notification integrations hang off it. */
@Entity
@Table(name = "projects")
public class Project extends VersionedEntity {
    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";
    public static final String DISCONNECTING = "disconnecting";

    public UUID organisationId;
    public String name;
    public String description;
    public String icon;
    public String repoId;
    public String defaultEnvironmentId;
    public String cloudConnection;

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
