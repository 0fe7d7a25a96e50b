package io.integrationshub.orgs;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@Entity
@Table(name = "organisations")
public class Organisation extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID groupId;
    public String name;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> profile;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public int version;
}
