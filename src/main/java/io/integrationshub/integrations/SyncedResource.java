package io.integrationshub.integrations;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Something a sync found at the provider: a repository, project, service, channel or image. */
@Entity
@Table(name = "synced_resources")
public class SyncedResource extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID integrationId;
    public String kind;
    public String externalId;
    public String name;
    public String url;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> metadata;
    public Instant firstSeenAt;
    public Instant lastSeenAt;
}
