package io.integrationshub.orgs;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
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
    @Column(name = "group_id")
    public UUID groupId;
    public String name;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> profile;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;
}
